import { readFileSync } from 'node:fs';
// The shell's security decisions (src-main/shell/policy.ts and friends) run without Electron, so
// they are tested here directly: which pages may call IPC, which files app:// may serve, which
// links may leave the app, and the CSP every app:// response carries.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../../src-main/shell/content-type.js';
import { resolveLanguage, shellLabels } from '../../../src-main/shell/labels.js';
import {
  APP_INDEX_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  isAppOrigin,
  resolveAppFile,
} from '../../../src-main/shell/policy.js';

const root = path.resolve('/opt/tcr-sync/resources/app.asar/out/renderer');
const inRoot = (...segments: string[]) => path.join(root, ...segments);

describe('isAppOrigin (who may call the IPC router)', () => {
  it('accepts the app page and any path under app://app', () => {
    expect(isAppOrigin(APP_INDEX_URL)).toBe(true);
    expect(isAppOrigin('app://app/')).toBe(true);
    expect(isAppOrigin('app://app/index.html#/rules?x=1')).toBe(true);
    expect(APP_ORIGIN).toBe('app://app');
  });

  it('refuses other hosts, look-alikes, ports and credentials', () => {
    for (const url of [
      'app://evil/index.html',
      'app://app.evil.com/',
      'app://appx/',
      'app://app:8080/index.html',
      'app://evil@app/index.html',
      'app://user:pw@app/index.html',
    ]) {
      expect(isAppOrigin(url), url).toBe(false);
    }
  });

  it('refuses other schemes, including ones a compromised page could reach', () => {
    for (const url of [
      'http://app/index.html',
      'https://app/index.html',
      'file:///opt/tcr-sync/resources/app.asar/out/renderer/index.html',
      'devtools://devtools/bundled/inspector.html',
      'data:text/html,<script>1</script>',
      'about:blank',
      'http://127.0.0.1:5173/',
    ]) {
      expect(isAppOrigin(url), url).toBe(false);
    }
  });

  it('refuses missing or unparsable sender URLs (e.g. a destroyed frame)', () => {
    expect(isAppOrigin(null)).toBe(false);
    expect(isAppOrigin(undefined)).toBe(false);
    expect(isAppOrigin('')).toBe(false);
    expect(isAppOrigin('not a url')).toBe(false);
  });
});

describe('resolveAppFile (what app:// may serve)', () => {
  it('maps app URLs to files under the renderer folder, ignoring query and hash', () => {
    expect(resolveAppFile(root, 'app://app/index.html')).toBe(inRoot('index.html'));
    expect(resolveAppFile(root, 'app://app/assets/index-ByQ6.js?v=2#top')).toBe(inRoot('assets', 'index-ByQ6.js'));
    expect(resolveAppFile(root, 'app://app/assets/font%20name.woff2')).toBe(inRoot('assets', 'font name.woff2'));
  });

  it('serves index.html for the bare origin', () => {
    expect(resolveAppFile(root, 'app://app/')).toBe(inRoot('index.html'));
    expect(resolveAppFile(root, 'app://app')).toBe(inRoot('index.html'));
  });

  it('keeps literal and percent-encoded dot segments inside the root', () => {
    // The URL parser folds `..` and `%2e%2e` segments at the root, so these name files *inside*
    // the renderer folder (which do not exist) rather than /etc/passwd.
    expect(resolveAppFile(root, 'app://app/../../etc/passwd')).toBe(inRoot('etc', 'passwd'));
    expect(resolveAppFile(root, 'app://app/%2e%2e/%2e%2e/etc/passwd')).toBe(inRoot('etc', 'passwd'));
    expect(resolveAppFile(root, 'app://app/assets/%2E%2E/%2E%2E/%2E%2E/etc/passwd')).toBe(inRoot('etc', 'passwd'));
  });

  it('refuses traversal that only appears after percent-decoding', () => {
    for (const url of [
      'app://app/..%2f..%2f..%2fetc%2fpasswd',
      'app://app/assets/..%2F..%2F..%2F..%2Fetc/passwd',
      'app://app/%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://app/.%2e%2f.%2e%2fetc/passwd',
      'app://app/..%5c..%5cwindows%5csystem32',
      'app://app/assets%5c..%5c..%5csecret',
      'app://app/index.html%00.png',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('refuses malformed percent-encoding instead of guessing', () => {
    expect(resolveAppFile(root, 'app://app/%E0%A4%A')).toBeNull();
  });

  it('serves nothing for other hosts, other schemes or credentials', () => {
    for (const url of [
      'app://evil/index.html',
      'app://app:1/index.html',
      'app://x@app/index.html',
      'file:///etc/passwd',
      'https://app/index.html',
      'not a url',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('never returns a path outside the root, whatever the input', () => {
    const attempts = ['../', '..%2f', '%2e%2e/', '%2e%2e%2f', '..%5c', '%252e%252e/', '....//', '.%2e/', '%2e./'];
    for (const attempt of attempts) {
      for (const depth of [1, 3, 8]) {
        const url = `app://app/assets/${attempt.repeat(depth)}etc/passwd`;
        const resolved = resolveAppFile(root, url);
        if (resolved !== null) {
          expect(path.relative(root, resolved).startsWith('..'), url).toBe(false);
          expect(path.isAbsolute(path.relative(root, resolved)), url).toBe(false);
        }
      }
    }
  });
});

describe('isAllowedExternalUrl (links handed to the OS browser)', () => {
  it('allows https links', () => {
    expect(isAllowedExternalUrl('https://cloud.tencent.com/document/product/1141')).toBe(true);
    expect(isAllowedExternalUrl('https://console.cloud.tencent.com/tcr?rid=1#sync')).toBe(true);
  });

  it('refuses http, local files, scripts, other schemes and credentials', () => {
    for (const url of [
      'http://cloud.tencent.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,hi',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'app://app/index.html',
      'https://user:secret@example.com/',
      'https://',
      '',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
    expect(isAllowedExternalUrl(null)).toBe(false);
    expect(isAllowedExternalUrl(undefined)).toBe(false);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('is the strict policy of the security baseline', () => {
    expect(Object.fromEntries(directives)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    });
  });

  it('allows no inline or eval code and no remote source', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|wss?:|\*/);
  });

  it('is repeated by the meta tag of index.html (less frame-ancestors, which meta cannot carry)', () => {
    const html = readFileSync(new URL('../../../src-renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const expected = [...directives].filter(([name]) => name !== 'frame-ancestors');
    expect(meta?.split('; ').map((part) => part.split(' ')[0])).toEqual(expected.map(([name]) => name));
    expect(meta).toBe(expected.map(([name, values]) => [name, ...values].join(' ')).join('; '));
  });
});

describe('contentTypeFor', () => {
  it('serves module scripts with a JavaScript type (Chromium refuses them otherwise)', () => {
    expect(contentTypeFor('/r/assets/index-1.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/r/assets/chunk.MJS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/r/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/r/assets/index.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/r/assets/logo.svg')).toBe('image/svg+xml');
  });

  it('falls back to an opaque type that nothing executes', () => {
    expect(contentTypeFor('/r/assets/blob')).toBe('application/octet-stream');
    expect(contentTypeFor('/r/assets/x.exe')).toBe('application/octet-stream');
  });
});

describe('menu and tray labels', () => {
  it('follow the language setting, and the OS locale when it is "system"', () => {
    expect(resolveLanguage('system', 'zh-CN')).toBe('zh-CN');
    expect(resolveLanguage('system', 'zh-TW')).toBe('zh-CN');
    expect(resolveLanguage('system', 'en-US')).toBe('en');
    expect(resolveLanguage('system', 'de-DE')).toBe('en');
    expect(resolveLanguage('en', 'zh-CN')).toBe('en');
    expect(resolveLanguage('zh-CN', 'en-US')).toBe('zh-CN');
  });

  it('exist in both shipped languages', () => {
    expect(shellLabels('zh-CN').quit).toBe('退出');
    expect(shellLabels('en').quit).toBe('Quit');
    expect(Object.keys(shellLabels('zh-CN')).sort()).toEqual(Object.keys(shellLabels('en')).sort());
  });
});
