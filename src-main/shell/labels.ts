// Texts of the native menus and tray, which Electron draws outside the renderer and its message
// catalogues. They follow the same language choice as the UI: the setting, else the OS locale.
import type { Language, Settings } from '../contract/index.js';
import { languageForLocale } from '../domain/locale.js';

export interface ShellLabels {
  /** The language these labels are in (run notices are worded in it too). */
  language: Language;
  tooltip: string;
  /** The tray's tooltip while finished runs are unread. */
  tooltipUnread: (count: number) => string;
  markAllRead: string;
  /** The tray menu's place for finished runs, before there is any. */
  noRuns: string;
  /** Said once, the first time the window is closed while the app stays in the tray. */
  stillRunningTitle: string;
  stillRunningBody: string;
  open: string;
  quit: string;
  file: string;
  edit: string;
  view: string;
  window: string;
  help: string;
  tcrDocs: string;
}

const labels: Record<Language, ShellLabels> = {
  en: {
    language: 'en',
    tooltip: 'TCR Sync Desktop',
    tooltipUnread: (count) => `TCR Sync Desktop — ${count} unread`,
    markAllRead: 'Mark all read',
    noRuns: 'No finished sync runs yet',
    stillRunningTitle: 'TCR Sync Desktop is still running',
    stillRunningBody: 'It keeps watching your sync runs from the tray. Quit it from the tray menu.',
    open: 'Open TCR Sync Desktop',
    quit: 'Quit',
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    tcrDocs: 'Tencent Container Registry documentation',
  },
  'zh-CN': {
    language: 'zh-CN',
    tooltip: 'TCR Sync Desktop',
    tooltipUnread: (count) => `TCR Sync Desktop（${count} 条未读）`,
    markAllRead: '全部标为已读',
    noRuns: '还没有已结束的同步任务',
    stillRunningTitle: 'TCR Sync Desktop 仍在运行',
    stillRunningBody: '它在托盘中继续关注同步任务。要退出，请使用托盘菜单。',
    open: '打开 TCR Sync Desktop',
    quit: '退出',
    file: '文件',
    edit: '编辑',
    view: '视图',
    window: '窗口',
    help: '帮助',
    tcrDocs: '容器镜像服务 TCR 文档',
  },
};

export function shellLabels(language: Language): ShellLabels {
  return labels[language];
}

/** The UI language for a `language` setting (`system` follows the OS locale). */
export function resolveLanguage(setting: Settings['language'], systemLocale: string): Language {
  return setting === 'system' ? languageForLocale(systemLocale) : setting;
}
