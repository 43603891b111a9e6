// Locks down the session the window uses: the app needs no browser permissions and no network
// access from the renderer (every cloud call is made by main), so both are refused outright.
import type { Session } from 'electron';

/** Every scheme Chromium can still use to reach another machine (FTP support is long gone). */
const remoteUrlPatterns = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // CSP already blocks these from our pages; this also covers anything CSP does not govern
  // (e.g. a frame that somehow lost its policy) so "no remote content" holds at the network layer.
  session.webRequest.onBeforeRequest({ urls: remoteUrlPatterns }, (_details, callback) => callback({ cancel: true }));
}
