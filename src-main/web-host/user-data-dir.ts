import os from 'node:os';
import path from 'node:path';

const APP_DIR = 'TCR Sync Desktop';

/** The same folder Electron's app.getPath('userData') uses, so both hosts share profiles. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR);
}

export function defaultTccliDir(): string {
  return path.join(os.homedir(), '.tccli');
}
