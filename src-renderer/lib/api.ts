import type { AppBridge } from '../../src-main/contract/index.js';
import { takeToken } from './route.js';
import { WebSocketBridge } from './ws-bridge.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    tcrSync?: AppBridge;
  }
}

const TOKEN_KEY = 'tcr-sync-token';

/**
 * The per-launch token arrives in the URL fragment; keep it for reloads, hide it from the bar.
 * The rest of the fragment (the screen shown, `#/instances`) stays.
 */
function browserHostToken(): string {
  const { token, rest } = takeToken(window.location.hash);
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', window.location.pathname + window.location.search + rest);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function createBridge(): { bridge: AppBridge; ws?: WebSocketBridge } {
  if (window.tcrSync) return { bridge: window.tcrSync };
  const url = new URL('/ipc', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  url.searchParams.set('token', browserHostToken());
  const ws = new WebSocketBridge(url.toString());
  return { bridge: ws, ws };
}

const created = createBridge();
export const api: AppBridge = created.bridge;
/** Only the browser host can lose its connection; Electron IPC cannot. */
export const connection = created.ws;
