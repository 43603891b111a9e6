// The tray icon: the way back to the window once it is closed (the app keeps running to watch
// sync runs), and the way to quit.
import { Menu, Tray } from 'electron';
import type { ShellLabels } from './labels.js';

export interface TrayActions {
  onOpen: () => void;
  onQuit: () => void;
}

export interface AppTray {
  tray: Tray;
  /** Re-labels the tooltip and menu, e.g. after the language setting changed. */
  setLabels(labels: ShellLabels): void;
}

export function createTray(iconPath: string, labels: ShellLabels, actions: TrayActions): AppTray {
  const tray = new Tray(iconPath);
  const setLabels = (next: ShellLabels): void => {
    tray.setToolTip(next.tooltip);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: next.open, click: actions.onOpen },
        { type: 'separator' },
        { label: next.quit, click: actions.onQuit },
      ]),
    );
  };
  setLabels(labels);
  // Linux app indicators only show the context menu; Windows and macOS also report clicks.
  tray.on('click', actions.onOpen);
  return { tray, setLabels };
}
