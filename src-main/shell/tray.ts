// The tray icon: the way back to the window once it is closed (the app keeps running to watch
// sync runs), and the way to quit.
import { Menu, Tray } from 'electron';
import type { ShellLabels } from './labels.js';

export interface TrayOptions {
  iconPath: string;
  labels: ShellLabels;
  onOpen: () => void;
  onQuit: () => void;
}

export function createTray({ iconPath, labels, onOpen, onQuit }: TrayOptions): Tray {
  const tray = new Tray(iconPath);
  tray.setToolTip(labels.tooltip);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: labels.open, click: onOpen },
      { type: 'separator' },
      { label: labels.quit, click: onQuit },
    ]),
  );
  // Linux app indicators only show the context menu; Windows and macOS also report clicks.
  tray.on('click', onOpen);
  return tray;
}
