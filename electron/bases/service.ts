import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/result';
import type { BasisEntry } from '../../shared/types';
import type { contract, In } from '../../shared/contract';
import type { SessionContext } from '../context/session';
import type { ListTerm } from '../scanner/rules';

// The basis library (审查依据) and the agency's negative list (负面清单), kept by the
// 安全保密管理员. Opinions cite its entries; the scanner searches for their keywords
// and patterns.

const json = <T>(text: string): T => JSON.parse(text) as T;

export interface PatternCheck {
  (pattern: string): { ok: true } | { ok: false; message: string };
}

export class BasesService {
  constructor(
    private readonly ctx: SessionContext,
    private readonly checkPattern: PatternCheck,
  ) {}

  async list(): Promise<BasisEntry[]> {
    const rows = await this.ctx.db().selectFrom('bases').selectAll().orderBy('kind').orderBy('created_at').execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as BasisEntry['kind'],
      title: r.title,
      documentNumber: r.document_number,
      scope: r.scope,
      keywords: json<string[]>(r.keywords),
      patterns: json<string[]>(r.patterns),
      disabled: r.disabled === 1,
    }));
  }

  /** Titles by id, for showing what an opinion or a finding cites. */
  async titles(): Promise<Map<string, string>> {
    return new Map((await this.ctx.db().selectFrom('bases').select(['id', 'title']).execute()).map((b) => [b.id, b.title]));
  }

  /** What the scanner searches for: every enabled entry's keywords and patterns. */
  async terms(): Promise<ListTerm[]> {
    const rows = await this.ctx.db().selectFrom('bases').select(['id', 'kind', 'keywords', 'patterns']).where('disabled', '=', 0).execute();
    return rows.flatMap((b) => [
      ...json<string[]>(b.keywords).map((term) => ({ basisId: b.id, kind: b.kind, term })),
      ...json<string[]>(b.patterns).map((pattern) => ({ basisId: b.id, kind: b.kind, pattern })),
    ]);
  }

  async save(input: In<typeof contract.bases.save>): Promise<BasisEntry> {
    for (const p of input.patterns) {
      const checked = this.checkPattern(p);
      if (!checked.ok) throw new AppFailure('INVALID_INPUT', `匹配规则“${p}”不能使用：${checked.message}`);
    }
    const id = input.id ?? randomUUID();
    const now = this.ctx.now().toISOString();
    const values = {
      kind: input.kind,
      title: input.title,
      document_number: input.documentNumber,
      scope: input.scope,
      keywords: JSON.stringify(input.keywords),
      patterns: JSON.stringify(input.patterns),
      disabled: input.disabled ? 1 : 0,
      updated_at: now,
    };
    await this.ctx
      .db()
      .transaction()
      .execute(async (tx) => {
        if (input.id) {
          const r = await tx.updateTable('bases').set(values).where('id', '=', id).executeTakeFirst();
          if (!r.numUpdatedRows) throw new AppFailure('NOT_FOUND', '找不到该审查依据');
        } else {
          await tx.insertInto('bases').values({ id, ...values, created_at: now }).execute();
        }
        await this.ctx.append(tx, { action: input.id ? 'basis.updated' : 'basis.created', subject: `basis:${id}`, payload: { ...input, id }, role: 'secAdmin' });
      });
    return (await this.list()).find((b) => b.id === id)!;
  }
}
