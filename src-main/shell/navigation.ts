// Keeps every web contents on the app's own origin: no new windows, no navigation or redirect
// away, no <webview>. Applied to all web contents (app 'web-contents-created'), not only the main
// window, so a contents created later cannot slip past it.
import { shell, type WebContents } from 'electron';
import { isAllowedExternalUrl, isAppOrigin } from './policy.js';

/** Hands https links to the OS browser; anything else is dropped. */
export function openExternalIfAllowed(url: string): void {
  if (!isAllowedExternalUrl(url)) return;
  shell.openExternal(url).catch((error: unknown) => {
    console.error('Could not open external link', error);
  });
}

export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppOrigin(event.url)) return;
    event.preventDefault();
    // A plain <a href="https://…"> without target=_blank lands here rather than in the open
    // handler; the user still expects the link to open, so it goes to the OS browser.
    openExternalIfAllowed(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppOrigin(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
