import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The layering of ARCHITECTURE.md is held by lint rules; these cases prove the rules bite.
const eslint = new ESLint({
  overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('layering lint rules', () => {
  it('stop the renderer importing main-process code', async () => {
    expect(
      await problems(
        'src-renderer/lib/x.ts',
        "import { ProfileService } from '../../src-main/services/profiles/profile-service.js';\nexport const a = ProfileService;\n",
      ),
    ).toHaveLength(1);
  });

  it('let the renderer import contract types, but not contract code', async () => {
    expect(
      await problems(
        'src-renderer/lib/x.ts',
        "import type { ProfileView } from '../../src-main/contract/index.js';\nexport type A = ProfileView;\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'src-renderer/lib/x.ts',
        "import { channels } from '../../src-main/contract/index.js';\nexport const a = channels;\n",
      ),
    ).toHaveLength(1);
  });

  it('keep the domain free of Node APIs, Electron and other layers', async () => {
    for (const source of ['node:fs', 'fs/promises', 'electron', '../accounts/vault.js', '../services/app-core.js']) {
      expect(
        await problems('src-main/domain/x.ts', `import * as m from '${source}';\nexport const a = m;\n`),
        source,
      ).toHaveLength(1);
    }
    expect(
      await problems('src-main/domain/x.ts', "import type { Buffer } from 'node:buffer';\nexport type A = Buffer;\n"),
    ).toEqual([]);
  });

  it('keep the contract to zod and itself, since every process loads it', async () => {
    for (const source of ['node:path', 'electron', '../domain/mask.js', '../services/app-core.js']) {
      expect(
        await problems('src-main/contract/x.ts', `import * as m from '${source}';\nexport const a = m;\n`),
        source,
      ).toHaveLength(1);
    }
    expect(
      await problems('src-main/contract/x.ts', "import { z } from 'zod';\nexport const a = z.string();\n"),
    ).toEqual([]);
  });

  it('allow electron only in the shell', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await problems('src-main/services/x.ts', code)).toHaveLength(1);
    expect(await problems('src-main/web-host/x.ts', code)).toHaveLength(1);
    expect(await problems('src-main/shell/x.ts', code)).toEqual([]);
  });
});
