// The application menu. Edit roles are not decoration: on macOS, copy/paste/select-all shortcuts
// in text fields only work when the menu provides them.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { ShellLabels } from './labels.js';
import { openExternalIfAllowed } from './navigation.js';

const TCR_DOCS_URL = 'https://cloud.tencent.com/document/product/1141';

export interface AppMenuOptions {
  labels: ShellLabels;
  /** Developer tools are offered only in development builds. */
  isPackaged: boolean;
  isMac: boolean;
}

export function buildAppMenu({ labels, isPackaged, isMac }: AppMenuOptions): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    // macOS keeps Quit in the app menu; its File menu closes the window instead.
    {
      label: labels.file,
      submenu: [isMac ? { role: 'close' } : { role: 'quit', label: labels.quit }],
    },
    {
      label: labels.edit,
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: labels.view,
      submenu: [
        { role: 'reload' },
        ...(isPackaged ? [] : [{ role: 'toggleDevTools' } satisfies MenuItemConstructorOptions]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
    { role: 'windowMenu', label: labels.window },
    {
      role: 'help',
      label: labels.help,
      submenu: [{ label: labels.tcrDocs, click: () => openExternalIfAllowed(TCR_DOCS_URL) }],
    },
  ];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Electron declares Menu as a class and builds it natively.
  return Menu.buildFromTemplate(template);
}
