// Desktop notifications (Electron `Notification`): one per finished run the centre raised, and the
// one-time "still running in the tray" notice. The words come from the domain.
import { Notification } from 'electron';
import type { RunNotice } from '../contract/index.js';
import { noticeText } from '../domain/notice-text.js';
import type { ShellLabels } from './labels.js';

export interface Notifier {
  /** A finished run; a click opens it. Nothing when the OS has no notifications. */
  run(notice: RunNotice, labels: ShellLabels): void;
  say(title: string, body: string): void;
  destroy(): void;
}

export function createNotifier(iconPath: string, onOpenRun: (runKey: string) => void): Notifier {
  // Held until closed: on some platforms a garbage-collected Notification loses its click.
  const shown = new Set<Notification>();

  const show = (title: string, body: string, onClick?: () => void): void => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title, body, icon: iconPath });
    shown.add(notification);
    notification.on('click', () => {
      shown.delete(notification);
      onClick?.();
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  };

  return {
    run(notice, labels) {
      const { title, body } = noticeText(notice, labels.language);
      show(title, body, () => onOpenRun(notice.id));
    },
    say(title, body) {
      show(title, body);
    },
    destroy() {
      for (const notification of shown) notification.close();
      shown.clear();
    },
  };
}
