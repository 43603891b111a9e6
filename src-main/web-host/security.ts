import { timingSafeEqual } from 'node:crypto';

export { CONTENT_SECURITY_POLICY } from '../domain/content-security-policy.js';

export function tokensEqual(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Only the loopback names of this very port: blocks DNS rebinding and other local pages. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin !== undefined && allowedHosts(port).some((h) => origin === `http://${h}`);
}
