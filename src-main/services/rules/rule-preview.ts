import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { asError } from '../../base/abortable.js';
import { isoNow, systemClock, type Clock } from '../../base/clock.js';
import type {
  CloudErrorView,
  InstancesView,
  ProfileView,
  RuleDraft,
  RulePreview,
  RulePreviewProgress,
  RuleRow,
} from '../../contract/index.js';
import { consoleToFilters, type RuleFilter } from '../../domain/rule-filters.js';
import { filterProblems } from '../../domain/rule-match.js';
import {
  literalNamespace,
  previewRule,
  selectRepositories,
  type PreviewSourceRepository,
  type PreviewTargetInput,
} from '../../domain/rule-preview.js';
import type { EventHub } from '../shared/event-hub.js';
import { cloudError, UserFacingError } from '../shared/user-facing-error.js';
import type { CloudTarget, ImmutableTagRule, PreviewArtifact, PreviewReader, RepositoryRef } from './preview-port.js';
import { FetchCancelled, SharedFetches } from './shared-fetch.js';

/** Repositories whose tags are listed at once (each list's pages are paced by the gateway). */
export const PREVIEW_CONCURRENCY = 8;
/** At most one progress event per preview this often. */
const PROGRESS_EVERY_MS = 100;

export interface RulePreviewDeps {
  profiles: { list(): ProfileView[] };
  targets: { targetFor(profile: ProfileView): Promise<CloudTarget> };
  instances: { view(): InstancesView };
  rules: { rowOf(profileId: string, registryId: string, ruleName: string): RuleRow | undefined };
  reader: PreviewReader;
  events: Pick<EventHub, 'emit'>;
  clock?: Clock;
  /** PREVIEW_CONCURRENCY unless a test (or the bench) wants another. */
  concurrency?: number;
}

export type PreviewQuery = (
  { rule: { profileId: string; registryId: string; ruleName: string } } | { draft: RuleDraft }
) & { refresh?: boolean | undefined; requestId?: string | undefined };

/** One instance as a preview reads it: the profile that reads it and its region. */
interface Side {
  profile: ProfileView;
  registryId: string;
  region: string;
}

/** What a preview is about, whichever way it was asked. */
interface Plan {
  source: Side;
  filters: RuleFilter[];
  override: boolean;
  deletion: boolean | null;
  destNamespace: string;
  destNamespaceKnown: boolean;
  target: { registryId?: string; side?: Side; skipped?: 'otherAccount' | 'unknownTarget' };
}

interface Listed {
  fetchedAt: string;
  refs: RepositoryRef[];
}

type Cached = Listed | PreviewArtifact[] | ImmutableTagRule[];

const cancelledView: CloudErrorView = { code: 'Cancelled', message: 'Preview cancelled', kind: 'cancelled' };

/**
 * "What would this rule sync right now?" for an existing rule or the form's draft: lists the
 * source instance's repositories, the tags of those the rule's name filter takes, and the same of
 * the target when the app can read it (same account, or another profile), with the target's
 * immutable-tag rules; the domain (rule-preview.ts) decides. Lists are kept for the session per
 * instance and shared by previews running at once; each preview can be cancelled on its own.
 */
export class RulePreviewService {
  readonly #fetches = new SharedFetches<Cached>();
  readonly #running = new Map<string, AbortController>();
  readonly #clock: Clock;
  readonly #concurrency: number;

  constructor(private readonly deps: RulePreviewDeps) {
    this.#clock = deps.clock ?? systemClock;
    this.#concurrency = Math.max(1, deps.concurrency ?? PREVIEW_CONCURRENCY);
  }

  async preview(query: PreviewQuery): Promise<RulePreview> {
    const plan = 'rule' in query ? this.#planOfRule(query.rule) : this.#planOfDraft(query.draft);
    const requestId = query.requestId ?? randomUUID();
    const abort = new AbortController();
    setMaxListeners(0, abort.signal);
    this.#running.get(requestId)?.abort();
    this.#running.set(requestId, abort);
    const refresh = query.refresh === true;
    try {
      // The target is read alongside the source (another account paces its calls apart); it only
      // waits for the source's repository list, to know which repositories to ask the tags of.
      const namespace = literalNamespace(plan.filters);
      const sourceTarget = await this.#targetOf(plan.source, abort.signal);
      const listing = this.#repositories(plan.source, sourceTarget, namespace, abort.signal, refresh);
      const selection = listing.then((listed) => selectRepositories(plan.filters, listed.refs));
      // Awaited below only once the listing worked: a failed (or cancelled) one is reported from
      // `await listing`, and this derived promise must not be left as an unhandled rejection.
      selection.catch(() => undefined);
      const targetSide = plan.target.side;
      const targetRead = targetSide
        ? this.#readTarget(targetSide, plan, namespace, selection, abort.signal, refresh, requestId).then(
            (input) => ({ input }),
            (error: unknown) => ({ error }),
          )
        : undefined;
      const listed = await listing;
      const repositories = await this.#images(
        plan.source,
        sourceTarget,
        await selection,
        abort.signal,
        requestId,
        'source',
      );
      const source = { repositories, total: listed.refs.length, fetchedAt: listed.fetchedAt };
      let target: PreviewTargetInput | undefined;
      let targetError: CloudErrorView | undefined;
      const read = await targetRead;
      if (read && 'input' in read) target = read.input;
      else if (read) {
        if (abort.signal.aborted) throw read.error;
        targetError = this.#describe(read.error);
      }
      const started = performance.now();
      const output = previewRule({
        filters: plan.filters,
        source: source.repositories,
        destNamespace: plan.destNamespace,
        override: plan.override,
        // Unknown (an existing rule): worked out, and shown as "if sync deletions is on".
        deletion: plan.deletion !== false,
        ...(target ? { target } : {}),
      });
      const matchMs = performance.now() - started;
      const skipped = plan.target.skipped ?? (targetError ? 'targetError' : undefined);
      return {
        source: { profileId: plan.source.profile.id, registryId: plan.source.registryId },
        target: {
          ...(plan.target.registryId ? { registryId: plan.target.registryId } : {}),
          ...(targetSide ? { profileId: targetSide.profile.id } : {}),
        },
        filters: plan.filters,
        override: plan.override,
        deletion: plan.deletion,
        destNamespace: plan.destNamespace,
        destNamespaceKnown: plan.destNamespaceKnown,
        targetCompared: target !== undefined,
        ...(skipped ? { targetSkipped: skipped } : {}),
        ...(targetError ? { targetError } : {}),
        repositories: output.repositories,
        sourceRepositories: source.total,
        ...(namespace ? { listedNamespace: namespace } : {}),
        counts: output.counts,
        fetchedAt: source.fetchedAt,
        matchMs: Math.round(matchMs * 10) / 10,
        filterProblems: filterProblems(plan.filters).map((p) => p.message),
      };
    } catch (error) {
      if (abort.signal.aborted) throw cloudError(cancelledView);
      if (error instanceof UserFacingError) throw error;
      throw cloudError(this.#describe(error));
    } finally {
      if (this.#running.get(requestId) === abort) this.#running.delete(requestId);
    }
  }

  /** Cancels one preview, or every running one. */
  cancel(requestId?: string): void {
    if (requestId === undefined) {
      for (const abort of this.#running.values()) abort.abort();
      return;
    }
    this.#running.get(requestId)?.abort();
  }

  /** A profile was removed or its keys changed: what was listed with it is forgotten. */
  forgetProfile(profileId: string): void {
    this.#fetches.forget(`${profileId}\n`);
  }

  #planOfRule(key: { profileId: string; registryId: string; ruleName: string }): Plan {
    const row = this.deps.rules.rowOf(key.profileId, key.registryId, key.ruleName);
    const profile = this.#profile(key.profileId);
    if (!row || !profile) throw new UserFacingError('NOT_FOUND', `No rule ${key.ruleName} on ${key.registryId}`);
    const targetProfile = row.target.profileId ? this.#profile(row.target.profileId) : undefined;
    return {
      source: { profile, registryId: row.source.registryId, region: row.source.regionName },
      filters: row.filters,
      override: row.override,
      // The cloud's rule list does not say these: sync deletions unknown, destination namespace assumed ''.
      deletion: null,
      destNamespace: '',
      destNamespaceKnown: false,
      target: {
        ...(row.target.registryId ? { registryId: row.target.registryId } : {}),
        ...(targetProfile && row.target.registryId && row.target.regionName
          ? { side: { profile: targetProfile, registryId: row.target.registryId, region: row.target.regionName } }
          : { skipped: 'unknownTarget' as const }),
      },
    };
  }

  #planOfDraft(draft: RuleDraft): Plan {
    const profile = this.#profile(draft.profileId);
    const instance = this.#instance(draft.profileId, draft.registryId);
    if (!profile || !instance) throw new UserFacingError('NOT_FOUND', `No instance ${draft.registryId}`);
    const filters =
      draft.selection.kind === 'console'
        ? consoleToFilters(draft.selection)
        : draft.selection.filters.map((f) => ({ type: f.type, value: f.value }));
    const target = draft.target;
    let side: Side | undefined;
    if (target.mode !== 'paste') {
      const profileId = target.mode === 'sameAccount' ? draft.profileId : target.profileId;
      const targetProfile = this.#profile(profileId);
      const targetInstance = this.#instance(profileId, target.registryId);
      if (targetProfile && targetInstance) {
        side = { profile: targetProfile, registryId: target.registryId, region: targetInstance.regionName };
      }
    }
    return {
      source: { profile, registryId: draft.registryId, region: instance.regionName },
      filters,
      override: draft.override,
      deletion: draft.deletion,
      destNamespace: draft.destNamespace,
      destNamespaceKnown: true,
      target: {
        ...(target.registryId ? { registryId: target.registryId } : {}),
        ...(side ? { side } : { skipped: target.mode === 'paste' ? 'otherAccount' : 'unknownTarget' }),
      },
    };
  }

  /** The target's repositories where the selected source ones go, with their tags, and its immutable-tag rules. */
  async #readTarget(
    side: Side,
    plan: Plan,
    sourceNamespace: string | undefined,
    selection: Promise<RepositoryRef[]>,
    signal: AbortSignal,
    refresh: boolean,
    requestId: string,
  ): Promise<PreviewTargetInput> {
    const target = await this.#targetOf(side, signal);
    // Where the source's namespace lands: the rule's destination namespace, or the same name.
    const namespace = plan.destNamespace || sourceNamespace;
    const [listed, immutableRules] = await Promise.all([
      this.#repositories(side, target, namespace, signal, refresh),
      this.#fetches.get(
        `${side.profile.id}\n${side.registryId}\nimmutable`,
        (s) => this.deps.reader.immutableRules(target, side.registryId, s),
        signal,
        refresh,
      ) as Promise<ImmutableTagRule[]>,
    ]);
    const present = new Set(listed.refs.map((r) => `${r.namespace}/${r.repository}`));
    const wanted = (await selection)
      .map((r) => ({ namespace: plan.destNamespace || r.namespace, repository: r.repository }))
      .filter((r) => present.has(`${r.namespace}/${r.repository}`));
    const repositories = await this.#images(side, target, wanted, signal, requestId, 'target');
    return { repositories, immutableRules };
  }

  async #targetOf(side: Side, signal: AbortSignal): Promise<CloudTarget> {
    const target = await this.deps.targets.targetFor(side.profile);
    if (signal.aborted) throw new FetchCancelled();
    // The cloud looks an instance up in its own region, not the profile's.
    return { ...target, region: side.region };
  }

  /**
   * The instance's repositories: those of one namespace when the rule's name filter names it (one
   * page instead of the whole instance's), unless the whole list is already known. A namespace the
   * cloud does not know is looked for in the whole list (absent there too: nothing to list).
   */
  async #repositories(
    side: Side,
    target: CloudTarget,
    namespace: string | undefined,
    signal: AbortSignal,
    refresh: boolean,
  ): Promise<Listed> {
    const prefix = `${side.profile.id}\n${side.registryId}\n`;
    // A refresh lists everything of the instance again: its tags too.
    if (refresh) this.#fetches.forget(prefix);
    const list = (scope: string | undefined) =>
      this.#fetches.get(
        `${prefix}repositories\n${scope ?? '*'}`,
        async (s) => {
          const fetchedAt = isoNow(this.#clock);
          const refs = await this.deps.reader.repositories(target, side.registryId, scope, s);
          return { fetchedAt, refs };
        },
        signal,
      ) as Promise<Listed>;
    if (namespace === undefined || this.#fetches.has(`${prefix}repositories\n*`)) {
      const all = await list(undefined);
      return namespace === undefined ? all : { ...all, refs: all.refs.filter((r) => r.namespace === namespace) };
    }
    try {
      return await list(namespace);
    } catch (error) {
      if (signal.aborted || this.deps.reader.describeError(error).kind !== 'notFound') throw error;
      const all = await list(undefined);
      return { ...all, refs: all.refs.filter((r) => r.namespace === namespace) };
    }
  }

  /** The tags of each repository, a few at a time; the first failure stops the others. */
  async #images(
    side: Side,
    target: CloudTarget,
    refs: readonly RepositoryRef[],
    signal: AbortSignal,
    requestId: string,
    which: 'source' | 'target',
  ): Promise<PreviewSourceRepository[]> {
    const stop = new AbortController();
    setMaxListeners(0, stop.signal);
    const both = AbortSignal.any([signal, stop.signal]);
    const results: PreviewSourceRepository[] = new Array<PreviewSourceRepository>(refs.length);
    let next = 0;
    let listed = 0;
    let lastEmit = -Infinity;
    const progress = (force: boolean): void => {
      const now = this.#clock.now();
      if (!force && now - lastEmit < PROGRESS_EVERY_MS) return;
      lastEmit = now;
      const payload: RulePreviewProgress = { requestId, side: which, listed, total: refs.length };
      this.deps.events.emit('rules:previewProgress', payload);
    };
    progress(true);
    const worker = async (): Promise<void> => {
      while (next < refs.length) {
        const index = next++;
        const ref = refs[index];
        if (!ref) return;
        const artifacts = (await this.#fetches.get(
          `${side.profile.id}\n${side.registryId}\nimages\n${ref.namespace}/${ref.repository}`,
          (s) => this.deps.reader.images(target, side.registryId, ref, s),
          both,
        )) as PreviewArtifact[];
        results[index] = { namespace: ref.namespace, repository: ref.repository, artifacts };
        listed += 1;
        progress(false);
      }
    };
    const workers = Array.from({ length: Math.min(this.#concurrency, refs.length) }, () =>
      worker().catch((error: unknown) => {
        stop.abort();
        throw error;
      }),
    );
    const settled = await Promise.allSettled(workers);
    // The first real failure is the answer; the others were stopped because of it.
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    const failed = failures.find((e) => !(e instanceof FetchCancelled)) ?? failures[0];
    if (failed !== undefined) throw asError(failed);
    progress(true);
    return results;
  }

  #profile(profileId: string): ProfileView | undefined {
    return this.deps.profiles.list().find((p) => p.id === profileId);
  }

  #instance(profileId: string, registryId: string) {
    return this.deps.instances.view().rows.find((r) => r.profileId === profileId && r.registryId === registryId);
  }

  #describe(error: unknown): CloudErrorView {
    if (error instanceof UserFacingError) {
      return error.cloud ?? { code: error.code, message: error.message, kind: 'other' };
    }
    return this.deps.reader.describeError(error);
  }
}
