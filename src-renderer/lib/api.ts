import type { AppBridge } from '../../src-main/contract/index.js';
import { WebSocketBridge } from './ws-bridge.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    tcrSync?: AppBridge;
  }
}

const TOKEN_KEY = 'tcr-sync-token';

/** The per-launch token arrives in the URL fragment; keep it for reloads, hide it from the bar. */
function browserHostToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname);
    return fromHash;
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
