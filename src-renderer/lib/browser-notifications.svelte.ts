// The browser's own notifications (browser host only): asked for only when the user presses the
// button in Settings, never unprompted. In the desktop app main raises native ones instead.

export type BrowserPermission = NotificationPermission | 'unsupported';

function current(): BrowserPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

class BrowserNotifications {
  permission = $state<BrowserPermission>(current());

  /** Asks the browser (from a click only: browsers ignore or penalise unprompted asks). */
  async request(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    try {
      this.permission = await Notification.requestPermission();
    } catch {
      this.permission = current();
    }
  }

  /** Shows one when allowed; a click brings the tab forward and runs `onclick`. */
  show(title: string, body: string, tag: string, onclick: () => void): void {
    this.permission = current();
    if (this.permission !== 'granted') return;
    try {
      const notification = new Notification(title, { body, tag });
      notification.onclick = () => {
        window.focus();
        onclick();
        notification.close();
      };
    } catch {
      // Some browsers allow notifications only from a service worker: the toast has said it.
    }
  }
}

export const browserNotifications = new BrowserNotifications();
