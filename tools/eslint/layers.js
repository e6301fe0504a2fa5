// mishen/layers: the layering of architecture.md as an allowlist (allowlist.js),
// enforced on every import, export-from, dynamic import() and require(). Modelled on
// VS Code's code-layering.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { ALLOWED, COMPOSERS, LAYERED, SERVICE_FILE, UNLAYERED, unitOf } from './allowlist.js';

const NODE_BUILTINS = new Set(builtinModules);
const posix = (p) => p.split(sep).join('/');
const isPackage = (spec, name) => spec === name || spec.startsWith(`${name}/`);

function checkPackage(unit, spec) {
  const isBuiltin = spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0]);
  if (unit === 'shared') return isPackage(spec, 'zod') ? null : `shared/ may import only zod and itself, not '${spec}'`;
  if (isPackage(spec, 'electron') && unit !== 'main' && unit !== 'preload') return "only electron/main and electron/preload may import 'electron'";
  if (unit === 'renderer' && isBuiltin) return `renderer/ runs without Node: '${spec}' is not available`;
  return null;
}

function checkPath(unit, target) {
  const to = unitOf(target);
  if (to === null) {
    if (target.startsWith('renderer/') && unit !== 'renderer') return 'the main process must not import renderer/';
    if (LAYERED.some((p) => target.startsWith(p))) return `'${target}' is in no layer of tools/eslint/allowlist.js`;
    return null; // resources/, package.json and the like
  }
  if (to === unit || to === 'shared') {
    return null;
  }
  if (unit === 'renderer') return to.startsWith('renderer') ? null : 'renderer/ must not import from electron/';
  if (to === 'main' || to === 'preload') return 'domain folders must not import electron/main or electron/preload';
  if (to === 'renderer') return 'the main process must not import renderer/';
  if (!(ALLOWED[unit] ?? []).includes(to)) return `${unit} may not import ${to} (allowed: ${(ALLOWED[unit] ?? []).join(', ') || 'only itself and shared'})`;
  if (!COMPOSERS.has(unit) && SERVICE_FILE.test(target)) return `${unit} must not import another domain's service (${target}); receive it from app/ instead`;
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the allowlist of imports between the layers and domains of electron/, renderer/ and shared/' },
    schema: [],
    messages: { layer: '{{reason}}' },
  },
  create(context) {
    const file = context.filename;
    const cwd = context.cwd;
    const rel = posix(relative(cwd, file));
    const unit = unitOf(rel);
    if (!unit) {
      if (!LAYERED.some((p) => rel.startsWith(p)) || UNLAYERED.includes(rel)) return {};
      return {
        Program: (node) =>
          context.report({ node, messageId: 'layer', data: { reason: `${rel} is in no layer: add its folder to tools/eslint/allowlist.js` } }),
      };
    }
    const report = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const spec = source.value;
      const relative_ = spec.startsWith('.') || spec.startsWith('/');
      const reason = relative_ ? checkPath(unit, posix(relative(cwd, resolve(dirname(file), spec)))) : checkPackage(unit, spec);
      if (reason) context.report({ node: source, messageId: 'layer', data: { reason } });
    };
    return {
      ImportDeclaration: (node) => report(node, node.source),
      ExportNamedDeclaration: (node) => report(node, node.source),
      ExportAllDeclaration: (node) => report(node, node.source),
      ImportExpression: (node) => report(node, node.source.type === 'Literal' ? node.source : null),
      TSImportEqualsDeclaration: (node) =>
        report(node, node.moduleReference.type === 'TSExternalModuleReference' ? node.moduleReference.expression : null),
      TSImportType: (node) => report(node, node.argument?.literal ?? null),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') report(node, node.arguments[0]);
      },
    };
  },
};

export default { meta: { name: 'eslint-plugin-mishen' }, rules: { layers: rule } };
