/**
 * The page's Content-Security-Policy, sent by both hosts (app:// in Electron, the browser host).
 * No 'unsafe-inline' or 'unsafe-eval' anywhere and no remote hosts: the renderer is a static Vite
 * build, and all network traffic goes through main. src-renderer/index.html repeats it as a meta
 * tag (without frame-ancestors, which meta tags cannot carry); a unit test keeps them equal.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
