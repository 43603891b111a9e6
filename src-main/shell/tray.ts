// The tray icon: its picture says idle / running / failed, its menu lists the last finished runs
// (a click opens one), and it is the way back to the window once it is closed and the way to quit.
// It only displays the notification centre's model.
import { Menu, Tray, type MenuItemConstructorOptions } from 'electron';
import type { NotificationsView, TrayState } from '../contract/index.js';
import { noticeMenuLabel } from '../domain/notice-text.js';
import type { ShellLabels } from './labels.js';

/** Finished runs listed in the tray menu. */
export const TRAY_RUNS = 10;

export const trayIcons: Record<TrayState, string> = {
  idle: 'tray-idle.png',
  running: 'tray-running.png',
  failed: 'tray-failed.png',
};

export interface TrayActions {
  onOpen: () => void;
  onOpenRun: (runKey: string) => void;
  onMarkAllRead: () => void;
  onQuit: () => void;
}

export interface AppTray {
  /** Re-labels the tooltip and menu, e.g. after the language setting changed. */
  setLabels(labels: ShellLabels): void;
  /** Shows the notification centre's model: icon, tooltip, the last runs. */
  setView(view: NotificationsView): void;
  destroy(): void;
}

const emptyView: NotificationsView = { entries: [], unread: 0, tray: 'idle', running: 0 };

export function createTray(
  iconPath: (name: string) => string,
  initialLabels: ShellLabels,
  actions: TrayActions,
): AppTray {
  let labels = initialLabels;
  let view = emptyView;
  const tray = new Tray(iconPath(trayIcons.idle));

  const render = (): void => {
    tray.setImage(iconPath(trayIcons[view.tray]));
    tray.setToolTip(view.unread > 0 ? labels.tooltipUnread(view.unread) : labels.tooltip);
    const runs: MenuItemConstructorOptions[] = view.entries.slice(0, TRAY_RUNS).map((entry) => ({
      label: noticeMenuLabel(entry, labels.language),
      click: () => actions.onOpenRun(entry.id),
    }));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: labels.open, click: actions.onOpen },
        { type: 'separator' },
        ...(runs.length > 0 ? runs : [{ label: labels.noRuns, enabled: false }]),
        { type: 'separator' },
        { label: labels.markAllRead, enabled: view.unread > 0, click: actions.onMarkAllRead },
        { type: 'separator' },
        { label: labels.quit, click: actions.onQuit },
      ]),
    );
  };
  render();
  // Linux app indicators only show the context menu; Windows and macOS also report clicks.
  tray.on('click', actions.onOpen);
  return {
    setLabels(next) {
      labels = next;
      render();
    },
    setView(next) {
      view = next;
      render();
    },
    destroy() {
      tray.destroy();
    },
  };
}
