// A recording stand-in for the parts of Electron's main-process API the shell uses (no Electron
// binary runs here). Tests load it with `vi.mock('electron', () => import('./fake-electron.js'))`
// and read what the shell did: the tray's picture, tooltip and menu, the notifications shown, the
// windows and whether they are visible, the login item, quitting.
import { EventEmitter } from 'node:events';

export interface FakeMenuItem {
  label?: string;
  type?: string;
  role?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: FakeMenuItem[];
}

export class FakeMenu {
  constructor(readonly items: FakeMenuItem[]) {}

  /** The labels a user sees, separators as '—'. */
  labels(): string[] {
    return this.items.map((item) => (item.type === 'separator' ? '—' : (item.label ?? item.role ?? '')));
  }

  item(label: string): FakeMenuItem {
    const found = this.items.find((item) => item.label === label);
    if (!found) throw new Error(`no menu item "${label}" in ${JSON.stringify(this.labels())}`);
    return found;
  }

  /** Clicks an item as the OS would: only an enabled one. */
  click(label: string): void {
    const item = this.item(label);
    if (item.enabled === false) throw new Error(`menu item "${label}" is disabled`);
    item.click?.();
  }
}

export const Menu = {
  buildFromTemplate: (template: FakeMenuItem[]): FakeMenu => new FakeMenu(template),
  setApplicationMenu: (menu: FakeMenu | null): void => {
    recorded.applicationMenu = menu;
  },
};

export class Tray extends EventEmitter {
  static readonly instances: Tray[] = [];
  image: string;
  tooltip = '';
  menu: FakeMenu | null = null;
  destroyed = false;

  constructor(image: string) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }

  setImage(image: string): void {
    this.image = image;
  }

  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }

  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
  }

  destroy(): void {
    this.destroyed = true;
  }
}

export interface FakeNotificationOptions {
  title: string;
  body: string;
  icon?: string;
}

export class Notification extends EventEmitter {
  static readonly instances: Notification[] = [];
  static supported = true;
  shown = false;
  closed = false;

  static isSupported(): boolean {
    return Notification.supported;
  }

  constructor(readonly options: FakeNotificationOptions) {
    super();
    Notification.instances.push(this);
  }

  show(): void {
    this.shown = true;
  }

  close(): void {
    this.closed = true;
    this.emit('close');
  }

  /** The user clicks it. */
  click(): void {
    this.emit('click');
  }
}

class FakeWebContents extends EventEmitter {
  url = '';
  readonly sent: unknown[][] = [];

  getURL(): string {
    return this.url;
  }

  send(...args: unknown[]): void {
    this.sent.push(args);
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  focused = false;
  minimised = false;
  destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }

  /** As Chromium does: the page loads, is ready to show, then finishes loading. */
  loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    setTimeout(() => {
      this.emit('ready-to-show');
      this.webContents.emit('did-finish-load');
    }, 0);
    return Promise.resolve();
  }

  show(): void {
    this.visible = true;
  }

  hide(): void {
    this.visible = false;
    this.focused = false;
  }

  focus(): void {
    this.focused = true;
  }

  isVisible(): boolean {
    return this.visible;
  }

  isMinimized(): boolean {
    return this.minimised;
  }

  restore(): void {
    this.minimised = false;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The user clicks the close button: 'close' can be prevented, else the window is gone. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.visible = false;
    this.destroyed = true;
    this.emit('closed');
  }
}

export interface LoginItemSettings {
  openAtLogin?: boolean;
  openAsHidden?: boolean;
}

class FakeApp extends EventEmitter {
  quits = 0;
  loginItem: LoginItemSettings | undefined;

  /** As Electron: 'before-quit' first (the process then stops, which tests do not need). */
  quit(): void {
    this.quits++;
    this.emit('before-quit', { preventDefault: () => undefined });
  }

  setLoginItemSettings(settings: LoginItemSettings): void {
    this.loginItem = { ...settings };
  }

  getLoginItemSettings(): LoginItemSettings {
    return { openAtLogin: false, ...this.loginItem };
  }
}

export const app = new FakeApp();
export const powerMonitor = new EventEmitter();
export const shell = { openExternal: (): Promise<void> => Promise.resolve() };

const recorded: { applicationMenu: FakeMenu | null } = { applicationMenu: null };

/** The application menu the shell set last. */
export function applicationMenu(): FakeMenu | null {
  return recorded.applicationMenu;
}

/** A fresh Electron for the next test. */
export function resetFakeElectron(): void {
  Tray.instances.length = 0;
  Notification.instances.length = 0;
  Notification.supported = true;
  BrowserWindow.instances.length = 0;
  recorded.applicationMenu = null;
  powerMonitor.removeAllListeners();
  app.removeAllListeners();
  app.quits = 0;
  app.loginItem = undefined;
}
