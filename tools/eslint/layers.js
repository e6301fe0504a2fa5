// mishen/layers: the fixed layering of architecture.md, enforced on every import,
// export-from, dynamic import() and require(). Modelled on VS Code's code-layering.
//
//   shared/              imports zod and shared/ only
//   renderer/src, renderer/host-shim.ts
//                        imports no electron/, no Node built-ins, not 'electron'
//   electron/main, electron/preload
//                        the only places that may import 'electron'
//   electron/<domain>/   plain Node: not 'electron', not electron/main or electron/preload
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const NODE_BUILTINS = new Set(builtinModules);
const posix = (p) => p.split(sep).join('/');

function layerOf(file, cwd) {
  const rel = posix(relative(cwd, file));
  if (rel.startsWith('shared/')) return 'shared';
  if (rel.startsWith('renderer/src/') || rel === 'renderer/host-shim.ts') return 'renderer';
  if (rel.startsWith('electron/main/')) return 'main';
  if (rel.startsWith('electron/preload/')) return 'preload';
  if (rel.startsWith('electron/')) return 'domain';
  return null;
}

function isPackage(spec, name) {
  return spec === name || spec.startsWith(`${name}/`);
}

function check(layer, spec, file, cwd) {
  const relative_ = spec.startsWith('.') || spec.startsWith('/');
  const target = relative_ ? posix(relative(cwd, resolve(dirname(file), spec))) : null;
  const isBuiltin = spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0]);
  switch (layer) {
    case 'shared':
      if (relative_) return target.startsWith('shared/') ? null : 'shared/ may import only shared/ and zod';
      return isPackage(spec, 'zod') ? null : `shared/ may import only zod and itself, not '${spec}'`;
    case 'renderer':
      if (isPackage(spec, 'electron')) return "renderer/ must not import 'electron'";
      if (isBuiltin) return `renderer/ runs without Node: '${spec}' is not available`;
      if (target?.startsWith('electron/')) return 'renderer/ must not import from electron/';
      return null;
    case 'domain':
      if (isPackage(spec, 'electron')) return "only electron/main and electron/preload may import 'electron'";
      if (target?.startsWith('electron/main/') || target?.startsWith('electron/preload/'))
        return 'domain folders must not import electron/main or electron/preload';
      if (target?.startsWith('renderer/')) return 'the main process must not import renderer/';
      return null;
    case 'main':
    case 'preload':
      if (target?.startsWith('renderer/')) return 'the main process must not import renderer/';
      return null;
    default:
      return null;
  }
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the layering of electron/main, electron/preload, domain folders, renderer/ and shared/' },
    schema: [],
    messages: { layer: '{{reason}}' },
  },
  create(context) {
    const file = context.filename;
    const cwd = context.cwd;
    const layer = layerOf(file, cwd);
    if (!layer) return {};
    const report = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const reason = check(layer, source.value, file, cwd);
      if (reason) context.report({ node: source, messageId: 'layer', data: { reason } });
    };
    return {
      ImportDeclaration: (node) => report(node, node.source),
      ExportNamedDeclaration: (node) => report(node, node.source),
      ExportAllDeclaration: (node) => report(node, node.source),
      ImportExpression: (node) => report(node, node.source.type === 'Literal' ? node.source : null),
      TSImportEqualsDeclaration: (node) =>
        report(node, node.moduleReference.type === 'TSExternalModuleReference' ? node.moduleReference.expression : null),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal')
          report(node, node.arguments[0]);
      },
    };
  },
};

export default { meta: { name: 'eslint-plugin-mishen' }, rules: { layers: rule } };
