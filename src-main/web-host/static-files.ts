import { readFile } from 'node:fs/promises';
import path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Maps a URL path to a file under root; undefined for anything that would escape root. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(root, relative);
  const base = path.resolve(root);
  return full.startsWith(base + path.sep) ? full : undefined;
}

export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | undefined> {
  const file = resolveStaticPath(root, urlPath);
  if (!file) return undefined;
  try {
    return { body: await readFile(file), type: types[path.extname(file)] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}
