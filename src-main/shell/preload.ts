// Runs in the sandboxed preload: only `electron` may be required at runtime (esbuild bundles the
// rest). Exposes exactly `window.tcrSync = { invoke, on }` for the contract's channels and events;
// ipcRenderer itself, and the IPC event objects, never reach the page.
import { contextBridge, ipcRenderer } from 'electron';
import type { AppBridge, Result } from '../contract/index.js';
import { isChannel, isEventName, type EventName } from '../contract/names.js';
import { IPC_EVENT, IPC_INVOKE } from './ipc-names.js';

type Handler = (payload: unknown) => void;

const handlers = new Map<EventName, Set<Handler>>();

ipcRenderer.on(IPC_EVENT, (_event, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return;
  for (const handler of handlers.get(name) ?? []) {
    // One failing page handler must not keep the event from the others.
    try {
      handler(payload);
    } catch (error) {
      console.error(`Handler for ${name} failed`, error);
    }
  }
});

/** Names page input without calling into it (String() would run a page-supplied toString). */
function describeName(name: unknown): string {
  return typeof name === 'string' ? name : typeof name;
}

function refused(code: 'UNKNOWN_CHANNEL' | 'INTERNAL', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

async function invoke(channel: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) return refused('UNKNOWN_CHANNEL', `Unknown channel: ${describeName(channel)}`);
  try {
    return (await ipcRenderer.invoke(IPC_INVOKE, channel, input)) as Result<unknown>;
  } catch {
    // Electron rejects only when main has no handler (yet) or the transport broke; the page gets
    // the same envelope shape as every other failure instead of an Error it must special-case.
    return refused('INTERNAL', 'The app could not reach its main process');
  }
}

function on(event: unknown, handler: unknown): () => void {
  if (!isEventName(event)) throw new TypeError(`Unknown event: ${describeName(event)}`);
  if (typeof handler !== 'function') throw new TypeError('Event handler must be a function');
  const set = handlers.get(event) ?? new Set<Handler>();
  handlers.set(event, set);
  const listener = handler as Handler;
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

// Both functions take `unknown` because the page is untrusted and they check their arguments at
// runtime. The cast only restates that main answers each channel with that channel's output type.
const bridge: AppBridge = {
  invoke: invoke as AppBridge['invoke'],
  on,
};

contextBridge.exposeInMainWorld('tcrSync', bridge);
