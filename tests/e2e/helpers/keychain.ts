import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AsyncEntry } from '@napi-rs/keyring';

/** Reads the keychain directly, as another program would, to see what the app left there. */
export async function keychainEntry(profileId: string): Promise<string | null> {
  const entry = new AsyncEntry('tcr-sync-desktop', `profile:${profileId}`, { linux: { store: 'secret-service' } });
  return entry.getPassword();
}

export async function profileIdByName(userDataDir: string, name: string): Promise<string> {
  const file = JSON.parse(await readFile(path.join(userDataDir, 'profiles.json'), 'utf8')) as {
    profiles: { id: string; name: string }[];
  };
  const found = file.profiles.find((p) => p.name === name);
  if (!found) throw new Error(`no profile named ${name} in profiles.json`);
  return found.id;
}

/** Removes a profile's keys behind the app's back, as another program (or a keyring reset) would. */
export async function deleteKeychainEntry(profileId: string): Promise<void> {
  const entry = new AsyncEntry('tcr-sync-desktop', `profile:${profileId}`, { linux: { store: 'secret-service' } });
  await entry.deletePassword();
}
