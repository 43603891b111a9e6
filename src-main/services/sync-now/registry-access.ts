// Logging in to instances' registries: one RegistryClient per instance and identity, shared by
// every run (the engine's blob dedup is per client), with a temporary instance token made through
// the profile that owns the instance and renewed shortly before it expires; for a cross-account
// target without a profile, the rule's stored long-term token. Tokens stay in memory only.
import type { InstancesView, ProfileView, RuleRow } from '../../contract/index.js';
import type { RegistryClient, RegistryClientOptions, RegistryCredentials } from '../../oci/registry-client.js';
import type { CloudReader, CloudTarget } from '../cloud/cloud-port.js';
import type { PeerTokenRecord } from '../rules/peer-tokens.js';
import type { PeerTokenKey } from '../rules/peer-tokens.js';
import { registryEndpoint } from './registry-endpoint.js';

/** Renew a temporary token this long before it expires (a blob may take a while). */
const RENEW_BEFORE_MS = 10 * 60_000;
/** When the cloud's expiry cannot be read: a temporary token lasts an hour. */
const DEFAULT_LIFETIME_MS = 50 * 60_000;

export interface RegistryAccessDeps {
  profiles: { list(): ProfileView[] };
  targets: { targetFor(profile: ProfileView): Promise<CloudTarget> };
  instances: { view(): InstancesView };
  reader: Pick<CloudReader, 'createTempToken' | 'createNamespace' | 'describeError'>;
  peerTokens: { records(): readonly PeerTokenRecord[]; read(key: PeerTokenKey): Promise<string | null> };
  newClient: (options: RegistryClientOptions) => RegistryClient;
  now?: () => number;
}

/** An instance the app can log in to, and how. */
export interface RegistrySide {
  registryId: string;
  endpoint: string;
  /** The profile whose temporary tokens log in; absent for a stored long-term token. */
  profileId?: string;
  regionName?: string;
  /** The rule's stored token (cross-account, no profile for the target). */
  peer?: PeerTokenKey;
}

interface TempToken {
  credentials: RegistryCredentials;
  renewAt: number;
}

export class RegistryAccess {
  readonly #clients = new Map<string, RegistryClient>();
  readonly #tokens = new Map<string, TempToken>();
  readonly #pending = new Map<string, Promise<RegistryCredentials>>();
  readonly #now: () => number;

  constructor(private readonly deps: RegistryAccessDeps) {
    this.#now = deps.now ?? Date.now;
  }

  /** The rule's source instance, through the rule's profile. */
  sourceOf(rule: RuleRow): RegistrySide | undefined {
    return this.#viaProfile(rule.profileId, rule.source.registryId);
  }

  /**
   * The rule's target: through the profile that owns it (the rule's, or another the app has),
   * else the rule's stored long-term token; undefined when the app cannot reach it.
   */
  targetOf(rule: RuleRow): RegistrySide | undefined {
    const registryId = rule.target.registryId;
    if (!registryId) return undefined;
    const owners = this.deps.instances.view().rows.filter((r) => r.registryId === registryId);
    const owner =
      owners.find((r) => r.profileId === rule.profileId) ??
      owners.find((r) => r.profileId === rule.target.profileId) ??
      owners[0];
    if (owner) return this.#viaProfile(owner.profileId, registryId);
    const record = this.deps.peerTokens
      .records()
      .find(
        (t) =>
          t.profileId === rule.profileId &&
          t.registryId === rule.source.registryId &&
          t.targetRegistryId === registryId,
      );
    // TCR's domains are `<instance name>.tencentcloudcr.com`; without a profile only the name tells it.
    const endpoint = rule.target.name ? registryEndpoint(`${rule.target.name}.tencentcloudcr.com`) : undefined;
    if (!record || !endpoint) return undefined;
    return {
      registryId,
      endpoint,
      peer: { profileId: record.profileId, registryId: record.registryId, uin: record.uin },
    };
  }

  /** The one client of this instance and identity. */
  clientFor(side: RegistrySide): RegistryClient {
    const who = side.profileId ?? `peer:${side.peer?.uin ?? ''}`;
    const key = `${side.registryId}|${side.endpoint}|${who}`;
    let client = this.#clients.get(key);
    if (!client) {
      client = this.deps.newClient({ baseUrl: side.endpoint, credentials: () => this.credentialsOf(side) });
      this.#clients.set(key, client);
    }
    return client;
  }

  /**
   * Creates a private namespace on an instance reached through a profile, tolerating one that
   * exists; answers why it could not be made otherwise (`CODE: message`, said with the artifacts
   * that then fail), or undefined.
   */
  async createNamespace(side: RegistrySide, name: string, signal?: AbortSignal): Promise<string | undefined> {
    const profile = this.deps.profiles.list().find((p) => p.id === side.profileId);
    if (!profile) return 'NOT_FOUND: the instance’s profile is gone';
    try {
      const target = await this.deps.targets.targetFor(profile);
      await this.deps.reader.createNamespace(
        { ...target, ...(side.regionName ? { region: side.regionName } : {}) },
        side.registryId,
        name,
        false,
        signal,
      );
      return undefined;
    } catch (error) {
      const view = this.deps.reader.describeError(error);
      return /exist/i.test(view.code) ? undefined : `${view.code}: ${view.message}`.slice(0, 300);
    }
  }

  /** A profile was deleted (or its keys changed): its tokens and clients are dropped. */
  forgetProfile(profileId: string): void {
    for (const key of [...this.#clients.keys()]) if (key.endsWith(`|${profileId}`)) this.#clients.delete(key);
    for (const key of [...this.#tokens.keys()]) if (key.startsWith(`${profileId}/`)) this.#tokens.delete(key);
  }

  /** The credentials to log in with now (a temporary token made or reused; the stored token read). */
  credentialsOf(side: RegistrySide): Promise<RegistryCredentials> {
    if (side.peer) return this.#peerCredentials(side.peer);
    const profileId = side.profileId ?? '';
    const key = `${profileId}/${side.registryId}`;
    const known = this.#tokens.get(key);
    if (known && this.#now() < known.renewAt) return Promise.resolve(known.credentials);
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = this.#makeTempToken(side, key).finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }

  async #makeTempToken(side: RegistrySide, key: string): Promise<RegistryCredentials> {
    const profile = this.deps.profiles.list().find((p) => p.id === side.profileId);
    if (!profile) throw new Error('the instance’s profile is gone');
    const target = await this.deps.targets.targetFor(profile);
    const made = await this.deps.reader.createTempToken(
      { ...target, ...(side.regionName ? { region: side.regionName } : {}) },
      side.registryId,
    );
    const now = this.#now();
    // ExpTime is a timestamp "without unit": seconds or milliseconds.
    const expiresAt = made.expiresAt > 0 && made.expiresAt < 1e12 ? made.expiresAt * 1000 : made.expiresAt;
    const lifetime = expiresAt > now ? expiresAt - now : DEFAULT_LIFETIME_MS;
    const credentials = { username: made.username, password: made.token };
    this.#tokens.set(key, { credentials, renewAt: now + Math.max(lifetime - RENEW_BEFORE_MS, lifetime / 2) });
    return credentials;
  }

  async #peerCredentials(peer: PeerTokenKey): Promise<RegistryCredentials> {
    const token = await this.deps.peerTokens.read(peer);
    if (!token) throw new Error('the rule’s stored token is missing');
    // TCR logs a long-term token in with the account's id (uin) as the user name.
    return { username: peer.uin, password: token };
  }

  #viaProfile(profileId: string, registryId: string): RegistrySide | undefined {
    const row = this.deps.instances.view().rows.find((r) => r.profileId === profileId && r.registryId === registryId);
    const endpoint = row ? registryEndpoint(row.publicDomain) : undefined;
    if (!row || !endpoint) return undefined;
    return { registryId, endpoint, profileId, regionName: row.regionName };
  }
}
