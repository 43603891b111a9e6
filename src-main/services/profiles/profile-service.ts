import { isoNow, systemClock, type Clock } from '../../base/clock.js';
import type { ProfileCheck, ProfileCheckResult, ProfileView, ParsedInputOf } from '../../contract/index.js';
import { profileColours, profileCreateSchema, profileUpdateSchema } from '../../contract/index.js';
import { maskSecretId } from '../../domain/mask.js';
import { isNameTaken, secretIdWarning, uniqueName } from '../../domain/profile-rules.js';
import type { ProfileStore, StoredProfile } from '../../accounts/profile-store.js';
import type { KeysJournal } from '../../accounts/keys-journal.js';
import type { Vault } from '../../accounts/vault.js';
import { SerialQueue } from '../../base/serial-queue.js';
import { issuesToFields } from '../shared/field-issues.js';
import { UserFacingError, validationError } from '../shared/user-facing-error.js';
import type { EventHub } from '../shared/event-hub.js';
import type { KeychainService } from '../app-state/keychain-service.js';
import type { AlertBoard } from '../app-state/alert-board.js';

/** Stored as the endpoint of sandbox profiles: the real one changes at every launch. */
export const SANDBOX_ENDPOINT = 'sandbox';

type CreateInput = ParsedInputOf<'profiles:create'>;
type UpdateInput = ParsedInputOf<'profiles:update'>;

export interface ProfileServiceDeps {
  store: ProfileStore;
  vault: Vault;
  /** Ids whose keys and file entry are changing together, for crash recovery. */
  journal: KeysJournal;
  keychain: KeychainService;
  events: EventHub;
  alerts: AlertBoard;
  newId: () => string;
  clock?: Clock;
}

/**
 * Account profiles: fields in profiles.json, keys in the OS keychain, never both in one place.
 * Every change runs alone, start to finish (name check, keychain, file, list): two windows, an
 * import and a connection test changing profiles at once are applied one after another, each on
 * the list the one before left, in the order they were asked — none undoes another.
 */
export class ProfileService {
  #profiles: StoredProfile[] = [];
  readonly #clock: Clock;
  readonly #changes = new SerialQueue();
  #pending: string[] = [];

  constructor(private readonly deps: ProfileServiceDeps) {
    this.#clock = deps.clock ?? systemClock;
  }

  async load(): Promise<void> {
    const outcome = await this.deps.store.load();
    if (outcome.kind === 'corrupt') await this.deps.alerts.add('profiles-corrupt', outcome.keptAs);
    this.#profiles = outcome.value;
    this.#pending = await this.deps.journal.load();
  }

  /**
   * Finishes or undoes the key changes a crash interrupted (ids left in the journal): keys whose
   * profile was never written are deleted; a profile whose keys were already deleted is deleted
   * too; a profile with its keys is simply done. Needs the keychain: when it cannot be used now,
   * the ids stay for the next start and nothing is lost. Never throws.
   */
  async recover(): Promise<void> {
    const pending = this.#pending;
    this.#pending = [];
    for (const id of pending) {
      try {
        await this.#changes.run(() => this.#recoverOne(id));
      } catch {
        return; // the keychain is locked or away: try again at the next start
      }
    }
  }

  async #recoverOne(id: string): Promise<void> {
    const profile = this.#profiles.find((p) => p.id === id);
    if (!profile) {
      await this.deps.keychain.use(() => this.deps.vault.deleteKeys(id));
    } else if (profile.source !== 'sandbox') {
      const keys = await this.deps.keychain.use(() => this.deps.vault.readKeys(id));
      if (!keys) {
        await this.#commit(this.#profiles.filter((p) => p.id !== id));
        this.deps.events.emit('profile:deleted', { profileId: id });
      }
    }
    await this.deps.journal.end(id);
  }

  list(): ProfileView[] {
    return this.#profiles.map((p) => ({ ...p }));
  }

  get(id: string): ProfileView {
    return { ...this.#find(id) };
  }

  /**
   * Adds the embedded sandbox's demo accounts that are not added yet. They need no keychain:
   * their keys are the sandbox's own, looked up when a call is made.
   */
  async addSandboxAccounts(
    accounts: readonly { name: string; uin: string; secretId: string }[],
  ): Promise<ProfileView[]> {
    return this.#changes.run(() => this.#addSandboxAccounts(accounts));
  }

  async #addSandboxAccounts(
    accounts: readonly { name: string; uin: string; secretId: string }[],
  ): Promise<ProfileView[]> {
    const at = isoNow(this.#clock);
    const taken = new Set(this.#profiles.filter((p) => p.source === 'sandbox').map((p) => p.uin));
    const next = [...this.#profiles];
    const added: StoredProfile[] = [];
    for (const account of accounts) {
      if (taken.has(account.uin)) continue;
      const profile: StoredProfile = {
        id: this.deps.newId(),
        name: uniqueName(account.name, next),
        uin: account.uin,
        region: 'ap-guangzhou',
        endpoint: SANDBOX_ENDPOINT,
        colour: profileColours[(next.length + 3) % profileColours.length] ?? 'teal',
        production: false,
        secretIdMasked: maskSecretId(account.secretId),
        source: 'sandbox',
        createdAt: at,
        updatedAt: at,
        keysUpdatedAt: at,
      };
      next.push(profile);
      added.push(profile);
    }
    if (added.length > 0) await this.#commit(next);
    return added.map((p) => ({ ...p }));
  }

  /** Fills in the account ID that a connection test found. */
  setUin(id: string, uin: string): Promise<ProfileView> {
    return this.#changes.run(async () => {
      const current = this.#find(id);
      const next = { ...current, uin, updatedAt: isoNow(this.#clock) };
      await this.#commit(this.#profiles.map((p) => (p.id === id ? next : p)));
      return { ...next };
    });
  }

  /** Errors and warnings for a draft as the user types, without saving anything. */
  check(draft: ProfileCheck): ProfileCheckResult {
    const editing = draft.id !== undefined && draft.id !== '';
    const schema = editing ? profileUpdateSchema : profileCreateSchema;
    const candidate = {
      ...draft,
      secretId: editing && !draft.secretId && !draft.secretKey ? undefined : (draft.secretId ?? ''),
      secretKey: editing && !draft.secretId && !draft.secretKey ? undefined : (draft.secretKey ?? ''),
    };
    const parsed = schema.safeParse(candidate);
    const errors = parsed.success ? {} : issuesToFields(parsed.error.issues);
    delete errors.id;
    if (!errors.name && isNameTaken(draft.name, this.#profiles, draft.id)) errors.name = 'name.taken';
    const warnings: Record<string, string> = {};
    const idWarning = errors.secretId ? undefined : secretIdWarning(draft.secretId);
    if (idWarning) warnings.secretId = idWarning;
    // Two profiles of one account are fine (a sub-user's keys and the root's), but often a slip.
    const uin = draft.uin.trim();
    if (!errors.uin && uin !== '' && this.#profiles.some((p) => p.id !== draft.id && p.uin === uin)) {
      warnings.uin = 'uin.sameAccount';
    }
    return { errors, warnings };
  }

  create(input: CreateInput, source: StoredProfile['source'] = 'manual'): Promise<ProfileView> {
    return this.#changes.run(() => this.#create(input, source));
  }

  async #create(input: CreateInput, source: StoredProfile['source']): Promise<ProfileView> {
    this.#assertNameFree(input.name);
    const at = isoNow(this.#clock);
    const profile: StoredProfile = {
      id: this.deps.newId(),
      name: input.name,
      uin: input.uin,
      region: input.region,
      endpoint: input.endpoint,
      colour: input.colour,
      production: input.production ?? false,
      secretIdMasked: maskSecretId(input.secretId),
      source,
      createdAt: at,
      updatedAt: at,
      keysUpdatedAt: at,
    };
    const keys = { secretId: input.secretId, secretKey: input.secretKey };
    await this.#journal(profile.id);
    try {
      await this.deps.keychain.use(() => this.deps.vault.saveKeys(profile.id, keys));
    } catch (error) {
      await this.deps.journal.end(profile.id).catch(() => undefined);
      throw error;
    }
    try {
      await this.#commit([...this.#profiles, profile]);
    } catch (error) {
      // The profile could not be written: take the keys back out so no orphan secret remains
      // (if that fails too, the journal has the id and the next start removes them).
      await this.deps.keychain.use(() => this.deps.vault.deleteKeys(profile.id)).catch(() => undefined);
      throw error;
    }
    await this.deps.journal.end(profile.id).catch(() => undefined); // done: a stale id is harmless
    return { ...profile };
  }

  update(input: UpdateInput): Promise<ProfileView> {
    return this.#changes.run(() => this.#update(input));
  }

  async #update(input: UpdateInput): Promise<ProfileView> {
    const current = this.#find(input.id);
    this.#assertNameFree(input.name, input.id);
    const rotating = input.secretId !== undefined && input.secretKey !== undefined;
    if (current.source === 'sandbox' && rotating) throw validationError({ secretId: 'sandbox.keysFixed' });
    const at = isoNow(this.#clock);
    const next: StoredProfile = {
      ...current,
      name: input.name,
      uin: input.uin,
      region: input.region,
      endpoint: current.source === 'sandbox' ? current.endpoint : input.endpoint,
      colour: input.colour,
      // Left out (an older caller): the mark stays as it is, never dropped by an edit.
      production: input.production ?? current.production,
      secretIdMasked: rotating ? maskSecretId(input.secretId ?? '') : current.secretIdMasked,
      updatedAt: at,
      keysUpdatedAt: rotating ? at : current.keysUpdatedAt,
    };
    if (rotating) {
      // Same keychain entry, new value: the old keys are replaced, never left behind.
      const keys = { secretId: input.secretId ?? '', secretKey: input.secretKey ?? '' };
      await this.deps.keychain.use(() => this.deps.vault.saveKeys(current.id, keys));
    }
    await this.#commit(this.#profiles.map((p) => (p.id === current.id ? next : p)));
    return { ...next };
  }

  /** Deletes the keys first: if the keychain refuses, the profile stays and nothing is orphaned. */
  delete(id: string): Promise<void> {
    return this.#changes.run(() => this.#delete(id));
  }

  async #delete(id: string): Promise<void> {
    const profile = this.#find(id);
    if (profile.source !== 'sandbox') {
      await this.#journal(id);
      try {
        await this.deps.keychain.use(() => this.deps.vault.deleteKeys(id));
      } catch (error) {
        await this.deps.journal.end(id).catch(() => undefined);
        throw error;
      }
    }
    // If this write fails, the journal keeps the id: the next start finishes the delete.
    await this.#commit(this.#profiles.filter((p) => p.id !== id));
    await this.deps.journal.end(id).catch(() => undefined);
    this.deps.events.emit('profile:deleted', { profileId: id });
  }

  /** Writes the id down before its keys change; without that record, nothing is changed. */
  async #journal(id: string): Promise<void> {
    try {
      await this.deps.journal.begin(id);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new UserFacingError('STORE_FAILED', `Could not write to the user-data folder: ${why}`);
    }
  }

  #find(id: string): StoredProfile {
    const found = this.#profiles.find((p) => p.id === id);
    if (!found) throw new UserFacingError('NOT_FOUND', 'This profile no longer exists');
    return found;
  }

  #assertNameFree(name: string, selfId?: string): void {
    if (isNameTaken(name, this.#profiles, selfId)) throw validationError({ name: 'name.taken' });
  }

  async #commit(next: StoredProfile[]): Promise<void> {
    try {
      await this.deps.store.save(next);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new UserFacingError('STORE_FAILED', `Could not write ${this.deps.store.file}: ${why}`);
    }
    this.#profiles = next;
    this.deps.events.emit('profiles:changed', this.list());
  }
}
