// Packs the real build with electron-builder (stand-in Electron, see scripts/pack-dir.mjs) and
// checks what a user would receive: only the bundles, the renderer, package.json and the
// production dependencies — nothing from the source tree and no dev dependency.
import { extractFile, listPackage, statFile } from '@electron/asar';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const TIMEOUT = 180_000;

interface PackResult {
  appOutDir: string;
  resourcesDir: string;
  asarPath: string;
}

interface PackageJson {
  name: string;
  main?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/**
 * The installed production closure: package.json `dependencies`, then each one's dependencies and
 * the optional ones npm actually installed (the keyring's platform binary is one of those).
 */
function productionPackages(): Set<string> {
  const found = new Set<string>();
  const queue = Object.keys(readPackageJson(root).dependencies ?? {});
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const dir = path.join(root, 'node_modules', name);
    if (found.has(name) || !existsSync(dir)) continue;
    found.add(name);
    const pkg = readPackageJson(dir);
    queue.push(...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}));
  }
  return found;
}

/**
 * The package an archive entry belongs to, by its innermost node_modules folder:
 * `/node_modules/a/node_modules/@s/b/x.js` → `@s/b`. Null outside node_modules and for the
 * node_modules and bare scope folders themselves.
 */
function packageOf(entry: string): string | null {
  const parts = entry.split('/').filter(Boolean);
  const at = parts.lastIndexOf('node_modules');
  if (at === -1) return null;
  const [first, second] = parts.slice(at + 1);
  if (first === undefined) return null;
  if (!first.startsWith('@')) return first;
  return second === undefined ? null : `${first}/${second}`;
}

let scratch: string;
let packed: PackResult;
let entries: string[];

beforeAll(async () => {
  // The packaging check is only meaningful against the real build.
  if (!existsSync(path.join(root, 'out/main/shell.cjs'))) {
    await run(process.execPath, ['scripts/build.mjs'], { cwd: root, timeout: TIMEOUT });
  }
  scratch = await mkdtemp(path.join(os.tmpdir(), 'tcr-pack-'));
  const { stdout } = await run(
    process.execPath,
    ['scripts/pack-dir.mjs', '--json', '--output', path.join(scratch, 'dist')],
    { cwd: root, timeout: TIMEOUT, maxBuffer: 16 * 1024 * 1024 },
  );
  packed = JSON.parse(stdout.trim().split('\n').at(-1)!) as PackResult;
  // Paths inside the archive, always with forward slashes and a leading slash.
  entries = listPackage(packed.asarPath, { isPack: false }).map((entry) => entry.split(path.sep).join('/'));
}, TIMEOUT);

afterAll(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

// Packing dominates (beforeAll); 180 s covers a cold build plus electron-builder on a slow CI box.
describe('packaged app (electron-builder --dir --linux)', { timeout: TIMEOUT }, () => {
  it('holds the main bundles, the renderer and package.json', () => {
    for (const required of [
      '/package.json',
      '/out/main/shell.cjs',
      '/out/main/preload.cjs',
      '/out/main/keychain-worker.cjs',
      '/out/renderer/index.html',
    ]) {
      expect(entries).toContain(required);
    }
    expect(entries.some((entry) => /^\/out\/renderer\/assets\/.+\.js$/.test(entry))).toBe(true);
  });

  it('holds nothing else outside node_modules', () => {
    const appFiles = entries.filter(
      (entry) => packageOf(entry) === null && !('files' in statFile(packed.asarPath, entry.slice(1))),
    );
    const allowed = (entry: string) =>
      entry === '/package.json' ||
      /^\/out\/main\/(shell|preload|keychain-worker)\.cjs$/.test(entry) ||
      entry.startsWith('/out/renderer/');
    expect(appFiles.filter((entry) => !allowed(entry))).toEqual([]);
    // The browser host is for tests and Electron-less machines; the desktop app never starts it.
    expect(entries).not.toContain('/out/main/web-host.cjs');
  });

  it('ships no sources, tests, scripts, fixtures, secrets, TypeScript or source maps', () => {
    const forbidden = entries.filter(
      (entry) =>
        /^\/(src-main|src-renderer|tests|scripts|assets|security|\.test-output|dist)(\/|$)/.test(entry) ||
        /(^|\/)(fixtures?|__fixtures__)(\/|$)/.test(entry) ||
        /(^|\/)\.env(\.|$)/.test(entry) ||
        /\.(ts|mts|cts|map|tsx)$/.test(entry) ||
        /(^|\/)(tsconfig.*\.json|vite\.config\.ts|vitest\.config\.ts|electron-builder\.yml|package-lock\.json)$/.test(
          entry,
        ),
    );
    expect(forbidden).toEqual([]);
  });

  it('bundles only production dependencies, and all of the installed ones', () => {
    const production = productionPackages();
    const devOnly = Object.keys(readPackageJson(root).devDependencies ?? {});
    const shipped = new Set(entries.map(packageOf).filter((name): name is string => name !== null));
    expect([...shipped].filter((name) => !production.has(name))).toEqual([]);
    expect([...shipped].filter((name) => devOnly.includes(name))).toEqual([]);
    // The platform binary is an optional dependency of @napi-rs/keyring: a collector that drops
    // optional packages would ship an app whose keychain cannot load.
    expect([...shipped].sort()).toEqual([...production].sort());
    expect(production.has('@napi-rs/keyring')).toBe(true);
    expect([...production].some((name) => name.startsWith('@napi-rs/keyring-'))).toBe(true);
  });

  it('unpacks the native keychain binding next to the archive', () => {
    const unpacked = path.join(packed.resourcesDir, 'app.asar.unpacked', 'node_modules', '@napi-rs');
    const nativeFiles = readdirSync(unpacked, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.node'),
    );
    expect(nativeFiles.length).toBeGreaterThan(0);
  });

  it('ships a preload that requires nothing but electron (sandboxed preloads cannot)', () => {
    const preload = extractFile(packed.asarPath, 'out/main/preload.cjs').toString('utf8');
    const required = new Set([...preload.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]));
    expect([...required]).toEqual(['electron']);
  });

  it('keeps a runtime-only package.json pointing at the shell bundle', () => {
    const pkg = JSON.parse(extractFile(packed.asarPath, 'package.json').toString('utf8')) as PackageJson;
    expect(pkg.main).toBe('out/main/shell.cjs');
    expect(pkg.devDependencies).toBeUndefined();
    expect(pkg.scripts).toBeUndefined();
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(['@napi-rs/keyring']);
  });

  it('puts the tray, notification and window icons beside the archive', () => {
    const assets = path.join(packed.resourcesDir, 'assets');
    const shippedIcons = readdirSync(assets).sort();
    expect(shippedIcons).toEqual(
      [
        'icon.png',
        'notification.png',
        'tray-failed.png',
        'tray-failed@2x.png',
        'tray-idle.png',
        'tray-idle@2x.png',
        'tray-running.png',
        'tray-running@2x.png',
      ].sort(),
    );
    expect(statSync(path.join(packed.appOutDir, 'tcr-sync-desktop')).mode & 0o111).not.toBe(0);
  });
});
