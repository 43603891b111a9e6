// How a finished run is told in the window. Main announces each run once (`sync:finished`) and
// says whether to tell the user at once (`raised`: the settings, a muted rule and do-not-disturb
// are applied there). One notification per run and per place:
// - desktop app: main raises the native notification, whether or not the window has the focus;
//   a toast as well would tell the same run twice, so the window shows none (the bell's count
//   goes up, and a click on the native notification arrives as `app:navigate`);
// - browser host: there is no native one, so a toast with Open; and, when the user allowed it
//   and the tab is in the background (where a toast goes unseen), the browser's notification.
import type { RunNotice } from '../../src-main/contract/index.js';
import { api } from './api.js';
import { browserNotifications } from './browser-notifications.svelte.js';
import { i18n } from './i18n/i18n.svelte.js';
import { noticeLine, noticeRule, noticeSummary } from './notice-format.js';
import { hashFor } from './route.js';
import { notifications } from './stores/notifications.svelte.js';
import { appInfo } from './stores/settings.svelte.js';
import { toasts } from './stores/toasts.svelte.js';

/** Shows Recent runs with this run's tasks open (the route H4's Runs screen reads). */
export function openRun(runKey: string): void {
  // A fragment change fires popstate, which App follows (and Back returns to where the user was).
  window.location.hash = hashFor({ view: 'runs', run: runKey });
}

/** Opens a notice's run: it has been seen, so it is read. */
export function openNotice(notice: RunNotice): void {
  if (!notice.read) void notifications.markRead([notice.id]);
  openRun(notice.id);
}

/** What the window does with one announced run (see the top of this file). */
export function tellFinished(notice: RunNotice): void {
  if (!notice.raised) return;
  if (appInfo.value?.host !== 'browser') return;
  toasts.show(noticeLine(i18n, notice), notice.failed ? 'error' : 'info', {
    label: i18n.t('notifications.open'),
    run: () => openNotice(notice),
  });
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') {
    const title = i18n.t('notifications.rule', { rule: noticeRule(notice.run) });
    browserNotifications.show(title, noticeSummary(i18n, notice), notice.id, () => openNotice(notice));
  }
}

/** Follows `sync:finished`; returns the unsubscribe. */
export function listenRunNotices(): () => void {
  return api.on('sync:finished', tellFinished);
}
