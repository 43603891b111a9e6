import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAppCore } from '../../../src-main/app/create-app.js';
import type { AppCore } from '../../../src-main/app/app-types.js';
import { isAllowedOrigin } from '../../../src-main/web-host/security.js';
import { startWebHost, type WebHost } from '../../../src-main/web-host/server.js';
import { WORKER_PATH } from './worker-path.js';

export interface AppAndHost {
  dir: string;
  core: AppCore;
  host: WebHost;
  /** Stops the host and the app and removes the temp dir. */
  close(): Promise<void>;
}

/** The app as the browser host runs it, in a temp dir with a stand-in renderer page. */
export async function startAppAndHost(prefix: string, log?: (line: string) => void): Promise<AppAndHost> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  let port = -1;
  const core = createAppCore({
    userDataDir: path.join(dir, 'data'),
    host: 'browser',
    systemLocale: 'en-US',
    version: '0.0.0-test',
    keychainWorkerPath: WORKER_PATH,
    tccliDir: path.join(dir, 'tccli'),
    isTrustedSender: (sender) => isAllowedOrigin(sender.origin, port),
    ...(log ? { log } : {}),
  });
  await core.start();
  const host = await startWebHost({ core, rendererDir, port: 0, ...(log ? { log } : {}) });
  port = host.port;
  return {
    dir,
    core,
    host,
    async close() {
      await host.close();
      await core.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
