import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_ENDPOINT,
  profileColours,
  profileCreateSchema,
  regionIds,
  type RegionId,
  type TccliImported,
  type TccliProfile,
  type TccliScan,
} from '../../contract/index.js';
import { maskSecretId } from '../../domain/mask.js';
import { isNameTaken, uniqueName } from '../../domain/profile-rules.js';
import { isSafeTccliName, parseTccliCredential, parseTccliRegion, type ParsedCredential } from '../../domain/tccli.js';
import type { Vault } from '../../accounts/vault.js';
import { UserFacingError } from '../shared/user-facing-error.js';
import type { KeychainService } from '../app-state/keychain-service.js';
import type { ProfileService } from './profile-service.js';

const CREDENTIAL_EXT = '.credential';
const FALLBACK_REGION: RegionId = 'ap-guangzhou';

function asRegion(region: string | undefined): RegionId {
  return (regionIds as readonly string[]).includes(region ?? '') ? (region as RegionId) : FALLBACK_REGION;
}

/** Imports the Tencent Cloud CLI's plaintext profiles into the keychain-backed profile list. */
export class TccliService {
  constructor(
    private readonly dir: string,
    private readonly profiles: ProfileService,
    private readonly vault: Vault,
    private readonly keychain: KeychainService,
  ) {}

  async scan(): Promise<TccliScan> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { dir: this.dir, found: false, profiles: [] };
      }
      throw this.#fsError(error);
    }
    const names = entries
      .filter((f) => f.endsWith(CREDENTIAL_EXT))
      .map((f) => f.slice(0, -CREDENTIAL_EXT.length))
      .filter(isSafeTccliName)
      .sort();
    const existing = this.profiles.list();
    const profiles = await Promise.all(
      names.map(async (name): Promise<TccliProfile> => {
        const credential = await this.#readCredential(name);
        return {
          name,
          ...(await this.#readRegion(name).then((r) => (r ? { region: r } : {}))),
          secretIdMasked: credential.ok ? maskSecretId(credential.value.secretId) : '',
          credentialFile: this.#credentialFile(name),
          ...(credential.ok ? {} : { problem: credential.problem }),
          nameTaken: isNameTaken(name, existing),
        };
      }),
    );
    return { dir: this.dir, found: true, profiles };
  }

  async import(names: readonly string[]): Promise<TccliImported[]> {
    const results: TccliImported[] = [];
    for (const [index, name] of names.entries()) {
      const credentialFile = this.#credentialFile(name);
      if (!isSafeTccliName(name)) {
        results.push({ name, credentialFile, error: 'tccli.badName' });
        continue;
      }
      const credential = await this.#readCredential(name);
      if (!credential.ok) {
        results.push({ name, credentialFile, error: credential.problem });
        continue;
      }
      // What a file holds gets the checks the Add profile form gets, nothing less.
      const parsed = profileCreateSchema.safeParse({
        name: uniqueName(name, this.profiles.list()),
        uin: '',
        region: asRegion(await this.#readRegion(name)),
        endpoint: DEFAULT_ENDPOINT,
        colour: profileColours[index % profileColours.length] ?? 'blue',
        secretId: credential.value.secretId,
        secretKey: credential.value.secretKey,
      });
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path[0];
        const error =
          field === 'name'
            ? 'tccli.badName'
            : field === 'secretId' || field === 'secretKey'
              ? 'tccli.invalidKeys'
              : 'tccli.importFailed';
        results.push({ name, credentialFile, error });
        continue;
      }
      try {
        const created = await this.profiles.create(parsed.data, 'tccli');
        results.push({ name, credentialFile, profileId: created.id, profileName: created.name });
      } catch (error) {
        if (error instanceof UserFacingError && error.code.startsWith('KEYCHAIN')) throw error;
        results.push({ name, credentialFile, error: 'tccli.importFailed' });
      }
    }
    return results;
  }

  /**
   * Deletes `<name>.credential` only once its keys are safely in the keychain under some profile,
   * so the user can never lose the only copy of a key by clicking this.
   */
  async deletePlaintext(name: string): Promise<void> {
    if (!isSafeTccliName(name)) throw new UserFacingError('TCCLI_FAILED', 'Not a tccli profile name');
    const credential = await this.#readCredential(name);
    if (!credential.ok) throw new UserFacingError('TCCLI_FAILED', 'The credential file cannot be read');
    const masked = maskSecretId(credential.value.secretId);
    const candidates = this.profiles.list().filter((p) => p.secretIdMasked === masked);
    for (const profile of candidates) {
      const keys = await this.keychain.use(() => this.vault.readKeys(profile.id));
      if (keys?.secretId === credential.value.secretId && keys.secretKey === credential.value.secretKey) {
        try {
          await rm(this.#credentialFile(name));
        } catch (error) {
          throw this.#fsError(error);
        }
        return;
      }
    }
    throw new UserFacingError(
      'TCCLI_FAILED',
      'These keys are not in the keychain yet: import the profile before deleting its file',
    );
  }

  #credentialFile(name: string): string {
    return path.join(this.dir, `${name}${CREDENTIAL_EXT}`);
  }

  async #readCredential(name: string): Promise<ParsedCredential> {
    try {
      return parseTccliCredential(await readFile(this.#credentialFile(name), 'utf8'));
    } catch {
      return { ok: false, problem: 'tccli.unreadable' };
    }
  }

  async #readRegion(name: string): Promise<string | undefined> {
    try {
      return parseTccliRegion(await readFile(path.join(this.dir, `${name}.configure`), 'utf8'));
    } catch {
      return undefined;
    }
  }

  #fsError(error: unknown): UserFacingError {
    const why = error instanceof Error ? error.message : String(error);
    return new UserFacingError('TCCLI_FAILED', `Cannot use ${this.dir}: ${why}`);
  }
}
