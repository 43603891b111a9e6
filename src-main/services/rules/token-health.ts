import { systemClock, type Clock } from '../../base/clock.js';
import {
  TOKEN_EXPIRY_WARNING_DAYS,
  type CloudErrorView,
  type InstancesView,
  type ProfileView,
  type RuleRow,
  type RuleTokenState,
  type RuleTokenView,
} from '../../contract/index.js';
import type { CloudReader, CloudTarget, InstanceTokenInfo } from '../cloud/cloud-port.js';
import type { PeerTokens } from './peer-tokens.js';
import type { RuleService } from './rule-service.js';

/** What was read of a target's tokens is answered again for this long. */
export const TOKEN_HEALTH_TTL_MS = 5 * 60_000;
/** How many target instances are asked at once. */
const CONCURRENCY = 4;
const DAY_MS = 86_400_000;

export interface TokenHealthDeps {
  profiles: { list(): ProfileView[] };
  targets: { targetFor(profile: ProfileView): Promise<CloudTarget> };
  instances: { view(): InstancesView };
  rules: Pick<RuleService, 'view'>;
  tokens: Pick<PeerTokens, 'records'>;
  reader: Pick<CloudReader, 'tokens' | 'describeError'>;
  clock?: Clock;
}

/** One source instance towards one account, before its health is known. */
interface Group {
  profileId: string;
  registryId: string;
  uin: string | undefined;
  targetProfileId: string | undefined;
  targetRegistryId: string;
  rules: string[];
  tokenId: string | undefined;
  kept: boolean;
  /** When the app last sent a token for this account (ms), or 0. */
  savedAt: number;
}

type Read = { at: number; tokens: InstanceTokenInfo[] } | { at: number; error: CloudErrorView };

/**
 * The health of the long-term tokens cross-account rules depend on: per source instance and
 * target account (TCR moves every rule towards one account to the newest token), read from the
 * target instance when the app has a profile of that account (DescribeInstanceToken). A token
 * the app made is judged by its id; one it did not make cannot be told apart from the target's
 * others, so then the target is judged as a whole.
 */
export class TokenHealth {
  readonly #reads = new Map<string, Read>();
  readonly #clock: Clock;

  constructor(private readonly deps: TokenHealthDeps) {
    this.#clock = deps.clock ?? systemClock;
  }

  async list(refresh = false): Promise<RuleTokenView[]> {
    const groups = this.#groups();
    const now = this.#clock.now();
    const wanted = new Map<string, { profileId: string; registryId: string }>();
    for (const g of groups) {
      if (!g.targetProfileId) continue;
      const id = `${g.targetProfileId}/${g.targetRegistryId}`;
      const read = this.#reads.get(id);
      // A token sent after the last read is not in it: read again, or it would look deleted.
      if (refresh || !read || now - read.at >= TOKEN_HEALTH_TTL_MS || read.at < g.savedAt) {
        wanted.set(id, { profileId: g.targetProfileId, registryId: g.targetRegistryId });
      }
    }
    await this.#readAll([...wanted.entries()]);
    return groups.map((g) => this.#viewOf(g));
  }

  /** Cross-account rules grouped by source instance and target account. */
  #groups(): Group[] {
    const profiles = new Map(this.deps.profiles.list().map((p) => [p.id, p]));
    const groups = new Map<string, Group>();
    const records = this.deps.tokens.records();
    const add = (row: RuleRow, uin: string | undefined, targetProfileId: string | undefined): void => {
      const registryId = row.target.registryId ?? row.target.raw;
      const accountKey = uin ?? `profile:${targetProfileId ?? registryId}`;
      const id = `${row.profileId}/${row.source.registryId}/${accountKey}`;
      // The account's uin may be unknown to its profile (not typed): then its profile says which.
      const record = records.find(
        (r) =>
          r.profileId === row.profileId &&
          r.registryId === row.source.registryId &&
          (uin !== undefined
            ? r.uin === uin
            : targetProfileId !== undefined
              ? r.targetProfileId === targetProfileId
              : r.targetRegistryId === registryId),
      );
      const group = groups.get(id) ?? {
        profileId: row.profileId,
        registryId: row.source.registryId,
        uin: uin ?? record?.uin,
        targetProfileId: targetProfileId ?? record?.targetProfileId,
        // The token belongs to the target of the newest rule sent with it: the record knows it.
        targetRegistryId: record?.targetRegistryId ?? registryId,
        rules: [],
        tokenId: record?.tokenId,
        kept: record !== undefined,
        savedAt: record ? Date.parse(record.savedAt) : 0,
      };
      group.rules.push(row.name);
      groups.set(id, group);
    };
    for (const row of this.deps.rules.view().rows) {
      const owner = row.target.profileId ? profiles.get(row.target.profileId) : undefined;
      const source = profiles.get(row.profileId);
      if (owner && source && owner.id !== source.id && !(owner.uin !== '' && owner.uin === source.uin)) {
        add(row, owner.uin === '' ? undefined : owner.uin, owner.id);
        continue;
      }
      if (owner) continue; // an instance of the source's own account
      const record = records.find(
        (r) =>
          r.profileId === row.profileId &&
          r.registryId === row.source.registryId &&
          r.targetRegistryId === row.target.registryId,
      );
      // A target no profile knows is another account's only when the app sent a token for it.
      if (record) add(row, record.uin, undefined);
    }
    return [...groups.values()].map((g) => ({ ...g, rules: g.rules.sort() }));
  }

  async #readAll(wanted: [string, { profileId: string; registryId: string }][]): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < wanted.length) {
        const entry = wanted[next++];
        if (!entry) return;
        const [id, { profileId, registryId }] = entry;
        this.#reads.set(id, await this.#read(profileId, registryId));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, wanted.length) }, worker));
  }

  async #read(profileId: string, registryId: string): Promise<Read> {
    const at = this.#clock.now();
    const profile = this.deps.profiles.list().find((p) => p.id === profileId);
    if (!profile)
      return { at, error: { code: 'NoProfile', message: 'The target profile no longer exists', kind: 'other' } };
    const instance = this.deps.instances
      .view()
      .rows.find((r) => r.profileId === profileId && r.registryId === registryId);
    try {
      const target = await this.deps.targets.targetFor(profile);
      const tokens = await this.deps.reader.tokens(
        { ...target, region: instance?.regionName ?? target.region },
        registryId,
      );
      return { at, tokens };
    } catch (error) {
      return { at, error: this.deps.reader.describeError(error) };
    }
  }

  #viewOf(g: Group): RuleTokenView {
    const base: RuleTokenView = {
      profileId: g.profileId,
      registryId: g.registryId,
      ...(g.uin !== undefined ? { uin: g.uin } : {}),
      ...(g.targetProfileId !== undefined ? { targetProfileId: g.targetProfileId } : {}),
      targetRegistryId: g.targetRegistryId,
      rules: g.rules,
      kept: g.kept,
      ...(g.tokenId !== undefined ? { tokenId: g.tokenId } : {}),
      state: 'unverifiable',
    };
    if (!g.targetProfileId) return base;
    const read = this.#reads.get(`${g.targetProfileId}/${g.targetRegistryId}`);
    if (!read) return base;
    const checkedAt = new Date(read.at).toISOString();
    if ('error' in read) return { ...base, state: 'error', error: read.error, checkedAt };
    const now = this.#clock.now();
    if (g.tokenId !== undefined) {
      const token = read.tokens.find((t) => t.tokenId === g.tokenId);
      if (!token) return { ...base, state: 'deleted', checkedAt };
      const expires = expiryMs(token.expiresAt);
      return {
        ...base,
        state: stateOf(token.enabled, expires, now),
        expiresAt: new Date(expires).toISOString(),
        checkedAt,
      };
    }
    const valid = read.tokens.filter((t) => t.enabled && expiryMs(t.expiresAt) > now);
    const soonest = Math.min(...valid.map((t) => expiryMs(t.expiresAt)));
    return {
      ...base,
      state: valid.length === 0 ? 'noValidToken' : 'unknown',
      validTokens: valid.length,
      ...(valid.length > 0 ? { expiresAt: new Date(soonest).toISOString() } : {}),
      checkedAt,
    };
  }
}

function stateOf(enabled: boolean, expiresMs: number, now: number): RuleTokenState {
  if (!enabled) return 'disabled';
  if (expiresMs <= now) return 'expired';
  if (expiresMs - now <= TOKEN_EXPIRY_WARNING_DAYS * DAY_MS) return 'expiring';
  return 'ok';
}

/** The cloud's expiry is a Unix time; seconds and milliseconds are both seen, told apart by size. */
function expiryMs(value: number): number {
  return value < 100_000_000_000 ? value * 1000 : value;
}
