// The `app://app/` scheme that serves the built renderer. A privileged standard scheme gives the
// page a real origin (unlike file://), so CSP 'self', module scripts and the IPC sender check work.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { contentTypeFor } from './content-type.js';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, resolveAppFile } from './policy.js';

/** Must run before `app` is ready: Chromium fixes scheme privileges at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

function isMissingFile(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/** Serves files under `rendererDir` (out/renderer, inside app.asar when packaged). */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'Method not allowed');
    }
    const file = resolveAppFile(rendererDir, request.url);
    if (file === null) return plain(404, 'Not found');
    try {
      const body = await readFile(file);
      const headers = securityHeaders(contentTypeFor(file));
      return new Response(request.method === 'HEAD' ? null : body, { headers });
    } catch (error) {
      return isMissingFile(error) ? plain(404, 'Not found') : plain(500, 'Could not read file');
    }
  });
}
