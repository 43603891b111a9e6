import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JS modules shared with eslint.config.js; they have no type declarations.
import { importRights } from '../../eslint/import-rights.js';
// @ts-expect-error -- as above.
import { importProblem, rowOf } from '../../eslint/layers-plugin.js';

// The import rights of every folder (eslint/import-rights.js) are held by a lint rule; these
// cases prove the rule bites with a message that names it, and that today's tree obeys it.
const rights = importRights as Record<string, string[]>;
const problemOf = importProblem as (from: string, to: string) => string | undefined;
const rowFor = rowOf as (file: string) => string | null | undefined;

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({
  overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/import-rights').map((m) => m.message);
}
const importing = (source: string) => `import * as m from '${source}';\nexport const a = m;\n`;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** Every relative import of a file, as a repository-relative path. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
    path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1] ?? '')),
  );
}

describe('import rights', () => {
  it('refuse a wrong import with a message that names the rule and what the folder may import', async () => {
    const [message] = await problems('src-main/services/profiles/x.ts', importing('../../ipc/router.js'));
    expect(message).toMatch(/^\[import rights\] src-main\/services\/profiles may not import src-main\/ipc: it may/);
    expect(message).toContain('eslint/import-rights.js');
  });

  it.each([
    ['src-main/services/profiles/x.ts', '../../app/create-app.js'],
    ['src-main/services/profiles/x.ts', '../../shell/main.js'],
    ['src-main/services/profiles/x.ts', '../cloud/cloud-port.js'], // a feature it does not build on
    ['src-main/services/shared/x.ts', '../profiles/profile-service.js'],
    ['src-main/tcr/x.ts', '../services/cloud/cloud-port.js'],
    ['src-main/accounts/x.ts', '../services/shared/event-hub.js'],
    ['src-main/storage/x.ts', '../services/shared/event-hub.js'],
    ['src-main/domain/x.ts', '../accounts/vault.js'],
    ['src-main/contract/x.ts', '../domain/mask.js'],
    ['src-main/ipc/x.ts', '../app/create-app.js'],
    ['src-main/shell/x.ts', '../services/shared/event-hub.js'],
    ['src-main/web-host/x.ts', '../ipc/router.js'],
    ['src-main/sandbox/x.ts', '../tcr/index.js'],
    ['src-main/new-folder/x.ts', '../domain/mask.js'], // no row yet: nothing allowed
    ['src-renderer/lib/x.ts', '../../src-main/services/profiles/profile-service.js'],
  ])('%s may not import %s', async (file, source) => {
    expect(await problems(file, importing(source))).toHaveLength(1);
  });

  it.each([
    ['src-main/services/connection/x.ts', '../instances/instance-service.js'],
    ['src-main/services/instances/x.ts', '../../tcr/index.js'],
    ['src-main/app/x.ts', '../services/profiles/profile-service.js'],
    ['src-main/app/x.ts', '../sandbox/index.js'],
    ['src-main/shell/x.ts', '../app/create-app.js'],
    ['src-main/tcr/x.ts', '../base/clock.js'],
  ])('%s may import %s', async (file, source) => {
    expect(await problems(file, importing(source))).toEqual([]);
  });

  it('let the renderer import contract types, but not contract code', async () => {
    const contract = '../../src-main/contract/index.js';
    expect(
      await problems(
        'src-renderer/lib/x.ts',
        `import type { ProfileView } from '${contract}';\nexport type A = ProfileView;\n`,
      ),
    ).toEqual([]);
    expect(
      await problems('src-renderer/lib/x.ts', `import { channels } from '${contract}';\nexport const a = channels;\n`),
    ).toHaveLength(1);
  });

  it('keep the domain and the contract free of Node APIs (types excepted)', async () => {
    for (const file of ['src-main/domain/x.ts', 'src-main/contract/x.ts']) {
      for (const source of ['node:fs', 'fs/promises', 'path']) {
        expect(await problems(file, importing(source)), `${file} ${source}`).toHaveLength(1);
      }
      expect(await problems(file, "import type { Buffer } from 'node:buffer';\nexport type A = Buffer;\n")).toEqual([]);
    }
  });

  it('give each package to the folder that owns it: electron to the shell, the SDK to tcr, …', async () => {
    const electron = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await problems('src-main/services/app-state/x.ts', electron)).toHaveLength(1);
    expect(await problems('src-main/web-host/x.ts', electron)).toHaveLength(1);
    expect(await problems('src-renderer/lib/x.ts', electron)).toHaveLength(1);
    expect(await problems('src-main/shell/x.ts', electron)).toEqual([]);
    const sdk = importing('tencentcloud-sdk-nodejs/tencentcloud/services/tcr/index.js');
    expect(await problems('src-main/services/cloud/x.ts', sdk)).toHaveLength(1);
    expect(await problems('src-main/tcr/x.ts', sdk)).toEqual([]);
  });

  it('have a row for every folder of src-main', () => {
    const folders = new Set(sourceFiles('src-main').map((f) => path.posix.dirname(f)));
    const without = [...folders].filter((folder) => rowFor(`${folder}/x.ts`) === null);
    expect(without).toEqual([]);
    expect(Object.keys(rights)).toContain('src-main/services/rules'); // room for the coming features
  });

  it('hold for every import in the tree today', () => {
    const broken = [...sourceFiles('src-main'), ...sourceFiles('src-renderer')].flatMap((file) =>
      importsOf(file).flatMap((to) => {
        const problem = problemOf(file, to);
        return problem ? [`${file}: ${problem}`] : [];
      }),
    );
    expect(broken).toEqual([]);
  });

  it('keep services below the router, and infrastructure below services', () => {
    const offending = sourceFiles('src-main').flatMap((file) =>
      importsOf(file)
        .filter(
          (to) =>
            (file.startsWith('src-main/services/') && /^src-main\/(ipc|app|shell|web-host)\//.test(to)) ||
            (/^src-main\/(tcr|accounts|storage|domain|base|contract)\//.test(file) &&
              to.startsWith('src-main/services/')),
        )
        .map((to) => `${file} → ${to}`),
    );
    expect(offending).toEqual([]);
  });
});
