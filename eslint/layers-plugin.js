// ESLint plugin `layers`: enforces the import rights of ./import-rights.js. Each message names
// the rule and the row, so a wrong import says what the table allows instead of just failing.
import path from 'node:path';
import { builtinModules as nodeBuiltins } from 'node:module';
import { importRights, noNodeApis, packageRights, typesOnly } from './import-rights.js';

const root = path.resolve(import.meta.dirname, '..');
const rows = Object.keys(importRights).sort((a, b) => b.length - a.length);
const appRoots = ['src-main', 'src-renderer'];

const inside = (file, folder) => file === folder || file.startsWith(`${folder}/`);

/** The row a repository-relative path belongs to, or undefined outside the app. */
export function rowOf(relativePath) {
  if (!appRoots.some((r) => inside(relativePath, r))) return undefined;
  return rows.find((row) => inside(relativePath, row)) ?? null;
}

/** Why `from` (repo-relative file) may not import `to` (repo-relative path), or undefined if it may. */
export function importProblem(from, to) {
  const row = rowOf(from);
  if (row === undefined) return undefined;
  if (!appRoots.some((r) => inside(to, r))) return undefined;
  if (row === null) return `${path.dirname(from)} has no row in the import-rights table (eslint/import-rights.js)`;
  if (inside(to, row)) return undefined;
  if (importRights[row].some((allowed) => inside(to, allowed))) return undefined;
  const target = rowOf(to) ?? path.dirname(to);
  const may = importRights[row].length > 0 ? importRights[row].join(', ') : 'nothing of the app';
  return `${row} may not import ${target}: it may import ${may} (eslint/import-rights.js)`;
}

const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const isNodeApi = (spec) => spec.startsWith('node:') || builtinModules.has(spec.split('/')[0]);
const builtinModules = new Set(nodeBuiltins);

const importRightsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder imports only what its row of eslint/import-rights.js allows.' },
    schema: [],
    messages: { denied: '[import rights] {{problem}}' },
  },
  create(context) {
    const from = path.relative(root, context.filename).split(path.sep).join('/');
    const row = rowOf(from);
    if (row === undefined) return {};
    const typeOnly = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const report = (problem) => context.report({ node, messageId: 'denied', data: { problem } });
      if (spec.startsWith('.')) {
        const to = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
        const problem = importProblem(from, to);
        if (problem) return report(problem);
        if (row && typesOnly.includes(row) && !inside(to, row) && !typeOnly(node)) {
          return report(`${row} may import only types from ${rowOf(to) ?? to} (use \`import type\`)`);
        }
        return;
      }
      const pkg = packageName(spec);
      const owners = packageRights[pkg];
      if (owners && !owners.some((o) => row && inside(row, o))) {
        return report(`only ${owners.join(', ')} may import ${pkg}, not ${row ?? from}`);
      }
      if (row && noNodeApis.includes(row) && isNodeApi(spec) && !typeOnly(node)) {
        return report(`${row} runs in every process or is pure: no Node API (${spec}); types only`);
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { meta: { name: 'layers' }, rules: { 'import-rights': importRightsRule } };
