// The shell's security decisions as pure functions, so they are unit-tested under plain Node.
// Nothing here may import `electron`: the tests that exercise it run without an Electron binary.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
/** The only origin whose pages may call the IPC router. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY } from '../domain/content-security-policy.js';

function parseUrl(url: string | URL): URL | null {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True only for `app://app/...`. Credentials and ports are refused outright: Chromium never gives
 * our own pages such URLs, so their presence means someone is trying to look like us.
 */
export function isAppOrigin(url: string | URL | null | undefined): boolean {
  if (url === null || url === undefined) return false;
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Maps an `app://app/...` request to a file under `rootDir`, or null when the URL is not ours or
 * would leave `rootDir`. The URL parser already folds `..` and `%2e%2e` segments; decoding can
 * still produce separators (`..%2f`), so the decoded path is checked segment by segment and the
 * resolved file must stay inside the root.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  const url = parseUrl(requestUrl);
  if (url === null || !isAppOrigin(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // Backslashes are separators on Windows; NUL truncates paths in native code. Neither occurs in
  // the renderer build, so refusing them costs nothing.
  if (pathname.includes('\\') || pathname.includes('\0')) return null;
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) return null;
  if (segments.length === 0) segments.push('index.html');

  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  const relative = path.relative(root, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`)) return null;
  if (path.isAbsolute(relative)) return null;
  return file;
}

/** Links the app may hand to the OS browser: https only, and never with embedded credentials. */
export function isAllowedExternalUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string') return false;
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === 'https:' &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
