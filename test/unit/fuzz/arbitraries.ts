import fc from 'fast-check';
import type { z } from 'zod';

// Inputs a hostile or broken renderer could send: any JSON or structured-clone value,
// and values shaped like an operation's schema with the wrong thing inside (wrong
// types, lone surrogates, impossible dates, huge numbers, deep nesting), so that the
// fuzz also reaches the services behind the schema and not only the schema itself.

const deep = (n: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < n; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

export const nastyString = (knownIds: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 30 }),
    fc.constantFrom(
      '\uD800',
      'a\uDC00b',
      '关于\uDBFF的公告',
      '\uDFFF\uD800',
      '2026-11-20',
      '2026-12-31',
      '2026-13-45',
      '2026-02-30',
      '0000-00-00',
      '9999-99-99',
      '2026-1-1',
      '+275760-09-13',
      '',
      ' ',
      '\u0000',
      '\u202e',
      '../../../etc/passwd',
      'x'.repeat(70_000),
      '审'.repeat(5000),
      '(a+)+$',
      '%s%n',
      '__proto__',
      'constructor',
    ),
    knownIds.length ? fc.constantFrom(...knownIds) : fc.constant('no-such-id'),
  );

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 53) - 1, -0, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 31, -1, 0, 1e21, Infinity, NaN),
);

/** A value of the wrong kind for wherever it lands. */
export const wrongValue = (knownIds: readonly string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    nastyNumber,
    nastyString(knownIds),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
    fc.constant(deep(5000, 'x')),
    fc.constant(new Date('invalid')),
    fc.bigInt(),
  );

type Def = { type: string } & Record<string, unknown>;
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/** Right shape, nasty contents: follows the zod 4 definition tree where it is cheap to. */
export function fromSchema(schema: z.ZodType, knownIds: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  const wrong = wrongValue(knownIds);
  const d = defOf(schema);
  const inner = (key: string) => fromSchema(d[key] as z.ZodType, knownIds, depth + 1);
  const shaped = ((): fc.Arbitrary<unknown> => {
    if (depth > 6) return wrong;
    switch (d.type) {
      case 'string':
        return nastyString(knownIds);
      case 'number':
      case 'int':
        return nastyNumber;
      case 'boolean':
        return fc.boolean();
      case 'enum': {
        const values = Object.values(d.entries as Record<string, unknown>);
        return fc.oneof(fc.constantFrom(...values), nastyString(knownIds));
      }
      case 'literal':
        return fc.constantFrom(...(d.values as unknown[]));
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        return fc.oneof({ arbitrary: inner('innerType'), weight: 3 }, fc.constant(undefined), fc.constant(null));
      case 'pipe':
        return inner('in');
      case 'union':
        return fc.oneof(...(d.options as z.ZodType[]).map((o) => fromSchema(o, knownIds, depth + 1)));
      case 'array':
        return fc.oneof(
          fc.array(inner('element'), { maxLength: 4 }),
          fc.array(inner('element'), { minLength: 300, maxLength: 400 }),
        );
      case 'tuple':
        return fc.tuple(...(d.items as z.ZodType[]).map((o) => fromSchema(o, knownIds, depth + 1)));
      case 'record':
        return fc.dictionary(nastyString(knownIds), inner('valueType'), { maxKeys: 4 });
      case 'object': {
        const shape = d.shape as Record<string, z.ZodType>;
        const fields = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, fromSchema(v, knownIds, depth + 1)]));
        return fc.oneof(
          fc.record(fields),
          fc.record(fields, { requiredKeys: [] }),
          fc.record({ ...fields, extra: wrong }),
        );
      }
      default:
        return wrong;
    }
  })();
  return fc.oneof({ arbitrary: shaped, weight: depth === 0 ? 5 : 15 }, { arbitrary: wrong, weight: 1 });
}

/** A valid value made invalid in one way a careless check lets through. */
export function spoiled(v: unknown): fc.Arbitrary<unknown> {
  if (typeof v === 'string') {
    const variants = [`${v}\uD800`, `\uDC00${v}`, `${v.slice(0, 1)}\uDBFF${v.slice(1)}`, `${v}\uDFFF\uD800`];
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) variants.push('2026-13-45', '2026-02-30', '2026-00-10', '0000-01-01', '9999-12-32');
    return fc.constantFrom(...variants);
  }
  if (typeof v === 'number') return fc.constantFrom(1e308, -1, 2 ** 53 + 1, 0.5, NaN, Infinity);
  if (Array.isArray(v) && v.length) return spoiled(v[0]).map((x) => [x, ...v.slice(1)]);
  if (Array.isArray(v)) return fc.constantFrom(['\uD800'], ['2026-13-45']);
  if (v && typeof v === 'object') return oneFieldSpoiled(v as Record<string, unknown>);
  return fc.constantFrom('\uD800', '2026-13-45');
}

/** A valid example with exactly one field spoiled: the rest passes, so the spoilt field is what is tested. */
export function oneFieldSpoiled(example: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(example);
  if (!keys.length) return fc.constant(example);
  return fc.oneof(...keys.map((k) => spoiled(example[k]).map((x) => ({ ...example, [k]: x }))));
}

const STRING_CANDIDATES = ['测试内容', '2026-11-20', '2026', 'Strong-Pass-2026!x', 'user01', '某某县财政局', '办公室', 'tongliao', '/tmp'];
const NUMBER_CANDIDATES = [2026, 1, 0, 3, 15, 100];

/**
 * Values that pass the schema more often than not, with a nasty leaf here and there:
 * these reach the session checks and the services. Leaves are picked from candidates the
 * schema itself accepts.
 */
export function plausible(schema: z.ZodType, knownIds: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  const d = defOf(schema);
  const inner = (key: string) => plausible(d[key] as z.ZodType, knownIds, depth + 1);
  const accepted = (values: readonly unknown[]) => values.filter((v) => schema.safeParse(v).success);
  const leaf = (good: unknown[], nasty: fc.Arbitrary<unknown>) =>
    good.length
      ? fc.oneof(
          { arbitrary: fc.constantFrom(...good), weight: 12 },
          { arbitrary: fc.constantFrom(...good).chain(spoiled), weight: 1 },
          { arbitrary: nasty, weight: 1 },
        )
      : nasty;
  if (depth > 6) return wrongValue(knownIds);
  switch (d.type) {
    case 'string':
      return leaf(accepted([...STRING_CANDIDATES, ...knownIds]), nastyString(knownIds));
    case 'number':
      return leaf(accepted(NUMBER_CANDIDATES), nastyNumber);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return fc.oneof({ arbitrary: inner('innerType'), weight: 3 }, fc.constant(undefined));
    case 'pipe':
      return inner('in');
    case 'union':
      return fc.oneof(...(d.options as z.ZodType[]).map((o) => plausible(o, knownIds, depth + 1)));
    case 'array':
      return fc.array(inner('element'), { minLength: 1, maxLength: 2 });
    case 'object': {
      const shape = d.shape as Record<string, z.ZodType>;
      return fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, plausible(v, knownIds, depth + 1)])));
    }
    default:
      return fromSchema(schema, knownIds, depth + 1);
  }
}

/** A valid example with some of its fields replaced by nasty values. */
export function mutated(example: Record<string, unknown>, knownIds: readonly string[]): fc.Arbitrary<unknown> {
  const field = (v: unknown) =>
    fc.oneof({ arbitrary: fc.constant(v), weight: 12 }, { arbitrary: nastyString(knownIds), weight: 1 }, { arbitrary: wrongValue(knownIds), weight: 1 });
  return fc.record(Object.fromEntries(Object.entries(example).map(([k, v]) => [k, field(v)])));
}

/** Everything the fuzz sends to one operation (with a valid example where one is known). */
export function inputsFor(schema: z.ZodType, knownIds: readonly string[], example?: Record<string, unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    ...(example ? [{ arbitrary: mutated(example, knownIds), weight: 2 }, { arbitrary: oneFieldSpoiled(example), weight: 3 }] : []),
    { arbitrary: fromSchema(schema, knownIds), weight: 4 },
    { arbitrary: plausible(schema, knownIds), weight: 4 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
    { arbitrary: fc.anything({ maxDepth: 3 }), weight: 1 },
    { arbitrary: wrongValue(knownIds), weight: 1 },
  );
}
