// Where the shell finds its siblings at runtime. The shell is bundled by esbuild to CommonJS
// (out/main/shell.cjs), so __dirname is out/main — inside app.asar once packaged.
import path from 'node:path';

export const preloadPath = path.join(__dirname, 'preload.cjs');
export const keychainWorkerPath = path.join(__dirname, 'keychain-worker.cjs');
export const rendererDir = path.join(__dirname, '..', 'renderer');

/**
 * Icons live outside app.asar (electron-builder `extraResources` → resources/assets) because the
 * OS tray and notification services read them as plain files; in development they are the
 * repository's assets/ folder.
 */
export function assetPath(name: string, isPackaged: boolean): string {
  const dir = isPackaged ? path.join(process.resourcesPath, 'assets') : path.join(__dirname, '..', '..', 'assets');
  return path.join(dir, name);
}
