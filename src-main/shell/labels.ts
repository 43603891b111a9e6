// Texts of the native menus and tray, which Electron draws outside the renderer and its message
// catalogues. Chosen from the OS locale like the renderer's default language.
export interface ShellLabels {
  tooltip: string;
  open: string;
  quit: string;
  file: string;
  edit: string;
  view: string;
  help: string;
  tcrDocs: string;
}

const en: ShellLabels = {
  tooltip: 'TCR Sync Desktop',
  open: 'Open TCR Sync Desktop',
  quit: 'Quit',
  file: 'File',
  edit: 'Edit',
  view: 'View',
  help: 'Help',
  tcrDocs: 'Tencent Container Registry documentation',
};

const zhCN: ShellLabels = {
  tooltip: 'TCR Sync Desktop',
  open: '打开 TCR Sync Desktop',
  quit: '退出',
  file: '文件',
  edit: '编辑',
  view: '视图',
  help: '帮助',
  tcrDocs: '容器镜像服务 TCR 文档',
};

export function shellLabels(locale: string): ShellLabels {
  return locale.toLowerCase().startsWith('zh') ? zhCN : en;
}
