import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { docsScreenshot } from './helpers/docs-screenshot.js';
import { keychainEntry, profileIdByName } from './helpers/keychain.js';

const SECRET_ID = 'AKIDe2eTestAbCdEfGhIjKlMnOpQrStUv1234';
const SECRET_KEY = 'e2eSecretKeyValue-9f8e7d6c5b4a39281706';
const ROTATED_ID = 'AKIDrotatedAbCdEfGhIjKlMnOpQrStUv9876';
const ROTATED_KEY = 'rotatedSecretKeyValue-0a1b2c3d4e5f6a7b8c';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

test('a user keeps an account profile whose keys live only in the OS keychain', async ({
  page,
  host,
  app,
  accounts,
}) => {
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));

  await app.open(host.url);
  await expect(page.getByTestId('accounts-empty')).toBeVisible();
  await expect(page.getByTestId('add-profile')).toBeEnabled();
  expect(await app.accessibilityViolations()).toEqual([]);

  await accounts.startAdding();
  expect(await app.accessibilityViolations()).toEqual([]);
  await accounts.fill({
    name: 'Prod Shanghai',
    uin: '100012345678',
    region: 'ap-shanghai',
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
  });
  await accounts.save();
  await expect(accounts.dialog()).toBeHidden();
  await expect(accounts.row('Prod Shanghai').getByTestId('masked-secret-id')).toHaveText('AKID…1234');
  await expect(page.getByText(SECRET_ID)).toHaveCount(0);
  await accounts.addProfile({
    name: 'Dev Guangzhou',
    uin: '200012345678',
    colour: 'Green',
    secretId: 'AKIDdevAbCdEfGhIjKlMnOpQrStUvWxYz5678',
    secretKey: 'devKey-1',
  });
  expect(await app.accessibilityViolations()).toEqual([]);
  await docsScreenshot(page, test.info(), 'accounts');

  const id = await profileIdByName(host.userDataDir, 'Prod Shanghai');
  expect(JSON.parse((await keychainEntry(id)) ?? '{}')).toEqual({ secretId: SECRET_ID, secretKey: SECRET_KEY });

  // Restart the host: the profile is read back from disk, the keys are still in the keychain.
  await host.restart();
  await app.open(host.url);
  // With accounts saved, the app opens where the day's work is: their instances.
  await expect(app.nav('Instances')).toHaveAttribute('aria-current', 'page');
  await app.nav('Accounts').click();
  await expect(accounts.rows()).toHaveCount(2);
  await expect(accounts.row('Prod Shanghai').getByTestId('masked-secret-id')).toHaveText('AKID…1234');

  await accounts.rotateKeys('Prod Shanghai', ROTATED_ID, ROTATED_KEY);
  await expect(accounts.row('Prod Shanghai').getByTestId('masked-secret-id')).toHaveText('AKID…9876');
  expect(JSON.parse((await keychainEntry(id)) ?? '{}')).toEqual({ secretId: ROTATED_ID, secretKey: ROTATED_KEY });

  await accounts.delete('Prod Shanghai');
  expect(await keychainEntry(id)).toBeNull();
  await expect(accounts.rows()).toHaveCount(1);

  // No secret ever travelled back to the page or landed in a file.
  expect(frames.length).toBeGreaterThan(0);
  // Stopped first, so that no write (e.g. of the instance cache) is half done while we look.
  await host.stop();
  const files = await filesUnder(host.userDataDir);
  expect(files.some((f) => f.endsWith('profiles.json'))).toBe(true);
  for (const secret of [SECRET_KEY, ROTATED_KEY, SECRET_ID, ROTATED_ID]) {
    expect(frames.filter((f) => f.includes(secret))).toEqual([]);
    for (const file of files) {
      expect(await readFile(file, 'utf8'), file).not.toContain(secret);
    }
  }
});
