import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ENDPOINT } from '../../../../src-main/contract/index.js';
import { TccliService } from '../../../../src-main/services/profiles/tccli-service.js';
import { createInput, keysFor, ProfileStack } from '../fakes/profile-stack.js';
import { TempDir } from '../fakes/user-data-dir.js';
import { failureOf } from '../fakes/failure-of.js';

let stack: ProfileStack;
let cli: TempDir;
let tccli: TccliService;

beforeEach(async () => {
  stack = await ProfileStack.create();
  cli = await TempDir.create('tccli-');
  tccli = new TccliService(cli.dir, stack.profiles, stack.vault, stack.keychain);
});
afterEach(async () => {
  await stack.home.remove();
  await cli.remove();
});

/** A tccli profile as `tccli configure` leaves it: `<name>.credential` and maybe `<name>.configure`. */
async function cliProfile(name: string, n: number, configure?: object): Promise<void> {
  await cli.write(`${name}.credential`, { type: 'secret', ...keysFor(n) });
  if (configure) await cli.write(`${name}.configure`, configure);
}

const masked = (n: number) => `AKID…${keysFor(n).secretId.slice(-4)}`;

describe('TccliService.scan', () => {
  it('says when there is no ~/.tccli', async () => {
    const missing = path.join(cli.dir, 'nope');
    const scan = await new TccliService(missing, stack.profiles, stack.vault, stack.keychain).scan();
    expect(scan).toEqual({ dir: missing, found: false, profiles: [] });
  });

  it('reports a ~/.tccli it cannot read as a tccli failure', async () => {
    const notADir = await cli.write('file', 'x');
    const error = await failureOf(new TccliService(notADir, stack.profiles, stack.vault, stack.keychain).scan());
    expect(error.code).toBe('TCCLI_FAILED');
    expect(error.message).toContain(notADir);
  });

  it('lists every profile by name, with its masked SecretId and region, and no secret', async () => {
    await cliProfile('prod', 1, { _sys_param: { region: 'ap-shanghai' } });
    await cliProfile('default', 2, { region: 'ap-beijing', output: 'json' });
    await cliProfile('bare', 3);
    const scan = await tccli.scan();
    expect(scan).toEqual({
      dir: cli.dir,
      found: true,
      profiles: [
        { name: 'bare', secretIdMasked: masked(3), credentialFile: cli.path('bare.credential'), nameTaken: false },
        {
          name: 'default',
          region: 'ap-beijing',
          secretIdMasked: masked(2),
          credentialFile: cli.path('default.credential'),
          nameTaken: false,
        },
        {
          name: 'prod',
          region: 'ap-shanghai',
          secretIdMasked: masked(1),
          credentialFile: cli.path('prod.credential'),
          nameTaken: false,
        },
      ],
    });
    const text = JSON.stringify(scan);
    for (const n of [1, 2, 3]) {
      expect(text).not.toContain(keysFor(n).secretId);
      expect(text).not.toContain(keysFor(n).secretKey);
    }
  });

  it('names the problem of each file it cannot use, and still lists the good ones', async () => {
    await cliProfile('good', 1);
    await cli.write('broken.credential', '{"secretId": ');
    await cli.write('nokey.credential', { secretId: keysFor(2).secretId });
    await mkdir(cli.path('folder.credential'));
    const profiles = (await tccli.scan()).profiles;
    expect(profiles.map((p) => [p.name, p.problem ?? 'ok', p.secretIdMasked])).toEqual([
      ['broken', 'tccli.notJson', ''],
      ['folder', 'tccli.unreadable', ''],
      ['good', 'ok', masked(1)],
      ['nokey', 'tccli.noKeys', ''],
    ]);
  });

  it('ignores files that are not credentials and names tccli would not write', async () => {
    await cliProfile('ok', 1);
    await cli.write('.hidden.credential', { ...keysFor(2) });
    await cli.write('a..b.credential', { ...keysFor(3) });
    await cli.write('notes.txt', 'hello');
    await cli.write('lonely.configure', { region: 'ap-guangzhou' });
    expect((await tccli.scan()).profiles.map((p) => p.name)).toEqual(['ok']);
  });

  it('leaves out a region it cannot read', async () => {
    await cliProfile('a', 1, { region: '' });
    await cli.write('b.configure', 'not json');
    await cliProfile('b', 2);
    const profiles = (await tccli.scan()).profiles;
    expect(profiles.map((p) => p.region)).toEqual([undefined, undefined]);
  });

  it('marks a name a profile already has, as the user reads names', async () => {
    await stack.profiles.create(createInput('PROD'));
    await cliProfile('prod', 1);
    await cliProfile('dev', 2);
    expect((await tccli.scan()).profiles.map((p) => [p.name, p.nameTaken])).toEqual([
      ['dev', false],
      ['prod', true],
    ]);
  });
});

describe('TccliService.import', () => {
  it('creates a profile per name, its keys in the keychain only, the rest in profiles.json', async () => {
    await cliProfile('prod', 1, { _sys_param: { region: 'ap-shanghai' } });
    await cliProfile('dev', 2);
    const results = await tccli.import(['prod', 'dev']);
    const [prod, dev] = stack.profiles.list();
    expect(results).toEqual([
      { name: 'prod', credentialFile: cli.path('prod.credential'), profileId: prod!.id, profileName: 'prod' },
      { name: 'dev', credentialFile: cli.path('dev.credential'), profileId: dev!.id, profileName: 'dev' },
    ]);
    expect(prod).toMatchObject({
      name: 'prod',
      uin: '',
      region: 'ap-shanghai',
      endpoint: DEFAULT_ENDPOINT,
      source: 'tccli',
      secretIdMasked: masked(1),
    });
    // No region in tccli's config: the default region.
    expect(dev).toMatchObject({ region: 'ap-guangzhou', source: 'tccli' });
    expect(prod!.colour).not.toBe(dev!.colour);
    expect(await stack.keysOf(prod!.id)).toEqual(keysFor(1));
    expect(await stack.keysOf(dev!.id)).toEqual(keysFor(2));
    const file = await stack.home.read('profiles.json');
    const seen = [file, stack.events.text(), JSON.stringify(results)].join('\n');
    for (const n of [1, 2]) {
      expect(seen).not.toContain(keysFor(n).secretId);
      expect(seen).not.toContain(keysFor(n).secretKey);
    }
  });

  it('leaves the plaintext file where it is', async () => {
    await cliProfile('prod', 1);
    await tccli.import(['prod']);
    expect(await cli.exists('prod.credential')).toBe(true);
  });

  it('uses the default region for one the app does not know', async () => {
    await cliProfile('moon', 1, { region: 'moon-base-1' });
    await tccli.import(['moon']);
    expect(stack.profiles.list()[0]?.region).toBe('ap-guangzhou');
  });

  it('renames a profile whose name is taken, also by one imported in the same go', async () => {
    await stack.profiles.create(createInput('Prod'));
    await cliProfile('prod', 1);
    await cliProfile('PROD', 2);
    const results = await tccli.import(['prod', 'PROD']);
    expect(results.map((r) => r.profileName)).toEqual(['prod (2)', 'PROD (3)']);
    expect(stack.profiles.list().map((p) => p.name)).toEqual(['Prod', 'prod (2)', 'PROD (3)']);
  });

  it('reports a bad file per profile, and imports the others', async () => {
    await cli.write('broken.credential', 'nope');
    await cli.write('nokey.credential', { secretKey: 'x' });
    await cliProfile('good', 1);
    const results = await tccli.import(['broken', 'missing', 'nokey', 'good', '../../etc/passwd']);
    expect(results.map((r) => [r.name, r.error ?? r.profileName])).toEqual([
      ['broken', 'tccli.notJson'],
      ['missing', 'tccli.unreadable'],
      ['nokey', 'tccli.noKeys'],
      ['good', 'good'],
      ['../../etc/passwd', 'tccli.badName'],
    ]);
    expect(stack.profiles.list().map((p) => p.name)).toEqual(['good']);
    expect(stack.secrets.entries.size).toBe(1);
  });

  it('stops at a keychain failure with the keychain’s error, and creates nothing', async () => {
    await cliProfile('prod', 1);
    await cliProfile('dev', 2);
    stack.secrets.failWith('probe', 'locked', 'Collection is locked');
    const error = await failureOf(tccli.import(['prod', 'dev']));
    expect(error.code).toBe('KEYCHAIN_LOCKED');
    expect(stack.profiles.list()).toEqual([]);
    expect(await stack.home.exists('profiles.json')).toBe(false);
    expect(stack.secrets.entries.size).toBe(0);
  });

  it('a keychain failure half-way keeps what was imported before it', async () => {
    await cliProfile('a', 1);
    await cliProfile('b', 2);
    await stack.keychain.probe();
    let saves = 0;
    const set = stack.secrets.set.bind(stack.secrets);
    stack.secrets.set = async (account, secret) => {
      if (++saves === 2) stack.secrets.failWith('set', 'timeout');
      return set(account, secret);
    };
    expect((await failureOf(tccli.import(['a', 'b']))).code).toBe('KEYCHAIN_TIMEOUT');
    expect(stack.profiles.list().map((p) => p.name)).toEqual(['a']);
    expect(stack.secrets.entries.size).toBe(1);
  });

  it('reports a profile that cannot be written as failed, with no key left behind', async () => {
    await stack.profiles.create(createInput('first', keysFor(5)));
    await cliProfile('prod', 1);
    await stack.home.breakWrites('profiles.json');
    const results = await tccli.import(['prod']);
    expect(results).toEqual([
      { name: 'prod', credentialFile: cli.path('prod.credential'), error: 'tccli.importFailed' },
    ]);
    expect(stack.profiles.list().map((p) => p.name)).toEqual(['first']);
    expect(stack.secrets.dump()).not.toContain(keysFor(1).secretId);
  });
});

describe('TccliService.import checks what it reads like the form', () => {
  it('reports a profile the form would refuse instead of importing it', async () => {
    const long = 'a'.repeat(80);
    await cli.write(`${long}.credential`, { secretId: `AKID${'x'.repeat(300)}`, secretKey: 'k'.repeat(300) });
    const [result] = await tccli.import([long]);
    expect(result?.error).toBeDefined();
    expect(stack.profiles.list()).toEqual([]);
    expect(stack.secrets.entries.size).toBe(0);
  });

  it.each([
    ['a space inside the SecretId', { secretId: 'AKID with space', secretKey: 'k'.repeat(32) }],
    ['a SecretKey longer than the form takes', { secretId: keysFor(1).secretId, secretKey: 'k'.repeat(129) }],
  ])('refuses keys with %s, and imports the others', async (_what, keys) => {
    await cli.write('bad.credential', keys);
    await cliProfile('good', 2);
    const results = await tccli.import(['bad', 'good']);
    expect(results.map((r) => [r.name, r.error ?? r.profileName])).toEqual([
      ['bad', 'tccli.invalidKeys'],
      ['good', 'good'],
    ]);
    expect(stack.secrets.entries.size).toBe(1);
  });

  it('refuses a name longer than the form takes', async () => {
    const long = 'p'.repeat(65);
    await cliProfile(long, 1);
    expect((await tccli.import([long]))[0]?.error).toBe('tccli.badName');
  });

  it('two imports at once: every profile is kept, each once', async () => {
    await cliProfile('a', 1);
    await cliProfile('b', 2);
    await Promise.all([tccli.import(['a']), tccli.import(['b'])]);
    expect(
      stack.profiles
        .list()
        .map((p) => p.name)
        .sort(),
    ).toEqual(['a', 'b']);
    expect((await stack.restart()).list()).toHaveLength(2);
  });
});

describe('TccliService.deletePlaintext', () => {
  it('deletes the credential file once its keys are in the keychain under a profile', async () => {
    await cliProfile('prod', 1, { region: 'ap-beijing' });
    await tccli.import(['prod']);
    await tccli.deletePlaintext('prod');
    expect(await cli.exists('prod.credential')).toBe(false);
    // Only the keys go: the region file holds no secret.
    expect(await cli.exists('prod.configure')).toBe(true);
    expect((await tccli.scan()).profiles).toEqual([]);
  });

  it('finds the keys under a profile that was not imported but typed in by hand', async () => {
    await cliProfile('prod', 1);
    await stack.profiles.create(createInput('Typed', keysFor(1)));
    await tccli.deletePlaintext('prod');
    expect(await cli.exists('prod.credential')).toBe(false);
  });

  it('refuses when the keys are in no profile, and keeps the file', async () => {
    await cliProfile('prod', 1);
    await stack.profiles.create(createInput('Other', keysFor(2)));
    const error = await failureOf(tccli.deletePlaintext('prod'));
    expect(error.code).toBe('TCCLI_FAILED');
    expect(error.message).toMatch(/not in the keychain/);
    expect(await cli.exists('prod.credential')).toBe(true);
  });

  it('refuses when a profile has the same SecretId but another SecretKey', async () => {
    await cliProfile('prod', 1);
    await stack.profiles.create(createInput('Same id', { ...keysFor(1), secretKey: keysFor(9).secretKey }));
    expect((await failureOf(tccli.deletePlaintext('prod'))).code).toBe('TCCLI_FAILED');
    expect(await cli.exists('prod.credential')).toBe(true);
  });

  it('refuses once the imported profile’s keys were rotated to others', async () => {
    await cliProfile('prod', 1);
    const [imported] = await tccli.import(['prod']);
    const profile = stack.profiles.get(imported!.profileId!);
    await stack.profiles.update({ ...profile, ...keysFor(2) });
    expect((await failureOf(tccli.deletePlaintext('prod'))).code).toBe('TCCLI_FAILED');
    expect(await cli.exists('prod.credential')).toBe(true);
  });

  it('refuses when the profile holding the keys was deleted', async () => {
    await cliProfile('prod', 1);
    const [imported] = await tccli.import(['prod']);
    await stack.profiles.delete(imported!.profileId!);
    expect((await failureOf(tccli.deletePlaintext('prod'))).code).toBe('TCCLI_FAILED');
    expect(await cli.exists('prod.credential')).toBe(true);
  });

  it.each(['../prod', '.prod', 'a/b', 'a..b'])('refuses the name %j without touching any file', async (name) => {
    await cliProfile('prod', 1);
    await tccli.import(['prod']);
    expect((await failureOf(tccli.deletePlaintext(name))).code).toBe('TCCLI_FAILED');
    expect(await cli.exists('prod.credential')).toBe(true);
  });

  it('refuses a file it cannot read', async () => {
    expect((await failureOf(tccli.deletePlaintext('missing'))).code).toBe('TCCLI_FAILED');
    await cli.write('broken.credential', 'nope');
    expect((await failureOf(tccli.deletePlaintext('broken'))).code).toBe('TCCLI_FAILED');
    expect(await cli.exists('broken.credential')).toBe(true);
  });

  it('keeps the file when the keychain cannot be asked', async () => {
    await cliProfile('prod', 1);
    await tccli.import(['prod']);
    stack.secrets.failWith('get', 'locked');
    expect((await failureOf(tccli.deletePlaintext('prod'))).code).toBe('KEYCHAIN_LOCKED');
    expect(await cli.exists('prod.credential')).toBe(true);
  });

  it('two deletes of the same file at once: the file is gone and the first is told it worked', async () => {
    await cliProfile('prod', 1);
    await tccli.import(['prod']);
    const [first] = await Promise.allSettled([tccli.deletePlaintext('prod'), tccli.deletePlaintext('prod')]);
    expect(first.status).toBe('fulfilled');
    expect(await cli.exists('prod.credential')).toBe(false);
  });
});
