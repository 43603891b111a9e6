// What the renderer's styles must not do, whatever the screen: the UI is in Chinese as often as
// in English, and Chinese has no italics (the browser slants upright glyphs, which reads badly).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../shared/repo-root.js';

async function rendererFiles(dir = path.join(REPO_ROOT, 'src-renderer')): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await rendererFiles(full)));
    else if (/\.(css|svelte|html)$/.test(entry.name)) files.push(full);
  }
  return files;
}

describe('renderer styles', () => {
  it('never set text in italics (no font-style: italic, no <em> or <i>)', async () => {
    const found: string[] = [];
    for (const file of await rendererFiles()) {
      const text = await readFile(file, 'utf8');
      text.split('\n').forEach((line, i) => {
        if (/font-style:\s*(italic|oblique)|<(em|i)[\s>]/.test(line))
          found.push(`${path.relative(REPO_ROOT, file)}:${String(i + 1)}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
