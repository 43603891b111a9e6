// Electron IPC for the router: one invoke channel for every request, one send channel for every
// event. The sender's frame URL is checked here, where Electron tells us who is asking; the router
// checks the resulting origin again through AppCore's isTrustedSender.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Result } from '../contract/index.js';
import type { EventHub, Router } from '../app/app-types.js';
import { IPC_EVENT, IPC_INVOKE } from './ipc-names.js';
import { APP_ORIGIN, isAppOrigin } from './policy.js';

const forbidden: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Request from an untrusted page refused' },
};

function handleInvoke(
  router: Router,
  event: IpcMainInvokeEvent,
  channel: unknown,
  input: unknown,
): Promise<Result<unknown>> {
  // senderFrame is null once the frame has navigated away or been destroyed: nobody to trust.
  if (!isAppOrigin(event.senderFrame?.url)) return Promise.resolve(forbidden);
  return router.handle(channel, input, { origin: APP_ORIGIN });
}

/**
 * Registers the invoke handler and forwards events to whichever window is current (the window is
 * recreated when reopened from the tray). Returns a function that undoes both.
 */
export function registerIpcTransport(
  router: Router,
  events: EventHub,
  currentWindow: () => BrowserWindow | null,
): () => void {
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, input: unknown) => handleInvoke(router, event, channel, input));
  const unsubscribe = events.forwardToWindows(({ event, payload }) => {
    const window = currentWindow();
    if (window === null || window.isDestroyed()) return;
    if (!isAppOrigin(window.webContents.getURL())) return;
    window.webContents.send(IPC_EVENT, event, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE);
  };
}
