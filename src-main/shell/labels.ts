// Texts of the native menus and tray, which Electron draws outside the renderer and its message
// catalogues. They follow the same language choice as the UI: the setting, else the OS locale.
import type { Language, Settings } from '../contract/index.js';
import { languageForLocale } from '../domain/locale.js';

export interface ShellLabels {
  tooltip: string;
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
    tooltip: 'TCR Sync Desktop',
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
    tooltip: 'TCR Sync Desktop',
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
