import { ProfileStore } from '../../../../src-main/accounts/profile-store.js';
import { Vault } from '../../../../src-main/accounts/vault.js';
import { KeysJournal } from '../../../../src-main/accounts/keys-journal.js';
import {
  profileCreateSchema,
  profileUpdateSchema,
  type ParsedInputOf,
  type ProfileCreate,
  type ProfileUpdate,
} from '../../../../src-main/contract/index.js';
import type { AccessKeys } from '../../../../src-main/domain/access-keys.js';
import { AlertBoard } from '../../../../src-main/services/app-state/alert-board.js';
import { KeychainService } from '../../../../src-main/services/app-state/keychain-service.js';
import { ProfileService } from '../../../../src-main/services/profiles/profile-service.js';
import { EventHub } from '../../../../src-main/services/shared/event-hub.js';
import { EventRecorder } from './event-recorder.js';
import { FakeClock } from './fake-clock.js';
import { FakeSecretStore } from './fake-secret-store.js';
import { TempDir } from './user-data-dir.js';

/** The n-th id a stack hands out: a v4 UUID, as profiles.json and the contract require. */
export function idFor(n: number): string {
  return `2b0f4c8e-1a2b-4c3d-8e9f-${String(n).padStart(12, '0')}`;
}

/** A key pair that looks like the cloud's: `AKID` + 32 characters, and a 32-character key. */
export function keysFor(n: number): AccessKeys {
  const tail = String(n).padStart(4, '0');
  return {
    secretId: `AKIDzq8Rk3Lw5Nx2Vb7Tg9Hc4Mp6Yd${tail.padStart(6, 'Q')}`,
    secretKey: `sK9vTq2Lm8Wx4Nb6Zr3Hy7Jd5Fc1Pg${tail.padStart(2, 'k')}`,
  };
}

/** profiles:create input as the router hands it over (parsed by the contract's schema). */
export function createInput(name: string, over: Partial<ProfileCreate> = {}): ParsedInputOf<'profiles:create'> {
  return profileCreateSchema.parse({
    name,
    uin: '',
    region: 'ap-guangzhou',
    endpoint: 'tcr.tencentcloudapi.com',
    colour: 'blue',
    ...keysFor(1),
    ...over,
  });
}

/** profiles:update input as the router hands it over. */
export function updateInput(
  id: string,
  name: string,
  over: Partial<ProfileUpdate> = {},
): ParsedInputOf<'profiles:update'> {
  return profileUpdateSchema.parse({
    id,
    name,
    uin: '',
    region: 'ap-guangzhou',
    endpoint: 'tcr.tencentcloudapi.com',
    colour: 'blue',
    ...over,
  });
}

/**
 * The profile service as the app builds it — event hub, alerts, keychain service over a fake
 * keychain, vault, the real ProfileStore in a temp user-data dir — with ids handed out in order.
 */
export class ProfileStack {
  readonly hub = new EventHub();
  readonly events = new EventRecorder(this.hub);
  readonly clock = new FakeClock();
  readonly secrets = new FakeSecretStore();
  /** Kept in the user-data dir's alerts.json, as the app keeps them. */
  readonly alerts: AlertBoard;
  readonly keychain = new KeychainService(this.secrets, this.hub, this.clock);
  readonly vault = new Vault(this.secrets);
  #nextId = 1;
  profiles: ProfileService;

  private constructor(readonly home: TempDir) {
    this.alerts = new AlertBoard(this.hub, this.clock, home.dir);
    this.profiles = this.#service();
  }

  /** A loaded stack over a new, empty user-data dir (or `home`, with what the test wrote there). */
  static async create(home?: TempDir): Promise<ProfileStack> {
    const stack = new ProfileStack(home ?? (await TempDir.create('tcr-profiles-')));
    await stack.alerts.load();
    await stack.profiles.load();
    return stack;
  }

  get file(): string {
    return this.home.path('profiles.json');
  }

  /** What profiles.json says now (the profiles array), read from disk. */
  async stored(): Promise<Record<string, unknown>[]> {
    return (await this.home.readJson<{ profiles: Record<string, unknown>[] }>('profiles.json')).profiles;
  }

  /** A new service over the same user-data dir and keychain: what the next start of the app sees. */
  async restart(): Promise<ProfileService> {
    this.profiles = this.#service();
    await this.profiles.load();
    return this.profiles;
  }

  async keysOf(profileId: string): Promise<AccessKeys | null> {
    return this.vault.readKeys(profileId);
  }

  #service(): ProfileService {
    return new ProfileService({
      store: new ProfileStore(this.home.dir, this.clock),
      vault: this.vault,
      journal: new KeysJournal(this.home.dir),
      keychain: this.keychain,
      events: this.hub,
      alerts: this.alerts,
      newId: () => idFor(this.#nextId++),
      clock: this.clock,
    });
  }
}
