import type { SerialQueue } from '../../base/serial-queue.js';
import { changeSummary, confirmNeeded, type GuardedChangeKind } from '../../domain/production-guard.js';
import type { CloudErrorView, ProfileView, RuleChangeRequest, RuleRow } from '../../contract/index.js';
import type { CloudReader, CloudRule, CloudTarget } from '../cloud/cloud-port.js';
import { cloudError, UserFacingError, validationError } from '../shared/user-facing-error.js';
import { InstanceQueues } from './instance-queues.js';
import { deleteRequest } from './rule-edit-requests.js';
import type { RuleDrafts } from './rule-drafts.js';
import type { StoredRule } from './rule-cache.js';
import type { RuleService } from './rule-service.js';

/** One rule: the profile that sees it, its source instance and its name there. */
export interface RuleKey {
  profileId: string;
  registryId: string;
  ruleName: string;
}

export interface RuleChangesDeps {
  profiles: { list(): ProfileView[] };
  targets: { targetFor(profile: ProfileView): Promise<CloudTarget> };
  reader: Pick<CloudReader, 'rules' | 'setRuleEnabled' | 'deleteRule' | 'describeError'>;
  /** The known rules: what a change is checked against, and what it updates. */
  rules: Pick<RuleService, 'ruleOf' | 'rowOf' | 'instanceRead' | 'ruleChanged'>;
  /** The per-instance queues shared with the rule editor (its own when not given). */
  queues?: InstanceQueues;
  /** Where a change that could not be sent is kept (and dropped once a later one is sent). */
  drafts?: Pick<RuleDrafts, 'keep' | 'discard' | 'list'>;
  log?: (line: string) => void;
}

/** How long `stop()` waits for the changes in flight before it lets the app close. */
export const STOP_WAIT_MS = 5000;

/** Failures that leave it unknown whether a write happened: its reply was lost. */
const UNKNOWN_OUTCOME: ReadonlySet<CloudErrorView['kind']> = new Set(['network', 'timeout']);

/**
 * Enables, disables and deletes rules. Changes of one instance's rules run one after another (two
 * windows toggling at once end in the last one asked). A write is never retried; when its reply was
 * lost, the instance's rules are read back and what is true is reported. Every change updates the
 * known rows, the cache and emits `rules:changed` (through the rule service).
 */
export class RuleChanges {
  /** One queue per (profile, instance), shared with creates and edits. */
  readonly #queues: InstanceQueues;
  /** The changes asked and not settled yet, for `stop()`. */
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: RuleChangesDeps) {
    this.#queues = deps.queues ?? new InstanceQueues();
  }

  /**
   * Enables or disables the rule; answers it as read back from the cloud. A rule from or to a
   * production profile changes only with its name typed (`confirmName`): otherwise VALIDATION and
   * nothing is sent — checked on the rule as known when the change's turn comes.
   */
  setEnabled(input: RuleKey & { enabled: boolean; confirmName?: string | undefined }): Promise<RuleRow> {
    const { profileId, registryId, ruleName, enabled } = input;
    return this.#remember(
      { kind: 'setEnabled', profileId, registryId, ruleName, enabled },
      this.#queue(input).run(async () => {
        const { profile, rule } = this.#find(input);
        if (this.#guard(input).needed && input.confirmName !== ruleName) {
          throw validationError({ confirmName: 'rule.confirmMismatch' });
        }
        const at = await this.#targetOf(profile, rule);
        try {
          await this.deps.reader.setRuleEnabled(at, registryId, ruleName, enabled);
        } catch (error) {
          await this.#afterFailure(
            error,
            at,
            rule,
            (rules) => rules.find((r) => r.name === ruleName)?.enabled === enabled,
          );
          return this.#rowOf(input);
        }
        const read = await this.#readBack(at, rule);
        if (!read) await this.deps.rules.ruleChanged(profileId, registryId, ruleName, { enabled });
        return this.#rowOf(input);
      }),
    );
  }

  /** Deletes the rule once the user typed its name (`confirmName`). */
  delete(input: RuleKey & { confirmName: string }): Promise<null> {
    const { profileId, registryId, ruleName, confirmName } = input;
    if (confirmName !== ruleName) return Promise.reject(validationError({ confirmName: 'rule.confirmMismatch' }));
    return this.#remember(
      { kind: 'delete', profileId, registryId, ruleName },
      this.#queue(input).run(async () => {
        const { profile, rule } = this.#find(input);
        const at = await this.#targetOf(profile, rule);
        try {
          await this.deps.reader.deleteRule(at, registryId, ruleName);
        } catch (error) {
          await this.#afterFailure(error, at, rule, (rules) => !rules.some((r) => r.name === ruleName));
          return null;
        }
        // The other rules are as they were: no read back needed.
        await this.deps.rules.ruleChanged(profileId, registryId, ruleName, null);
        return null;
      }),
    );
  }

  /**
   * A change that could not be sent (offline, throttled, refused by the cloud) is kept as a draft
   * to retry, and the error names it; once a change of that rule is sent, its enable/disable and
   * delete drafts go (a retry from the drafts panel, or the same change made another way).
   */
  #remember<T>(
    change: {
      kind: 'setEnabled' | 'delete';
      profileId: string;
      registryId: string;
      ruleName: string;
      enabled?: boolean;
    },
    work: Promise<T>,
  ): Promise<T> {
    const drafts = this.deps.drafts;
    const sameRule = (d: { kind: string; profileId: string; registryId: string; ruleName: string }) =>
      (d.kind === 'setEnabled' || d.kind === 'delete') &&
      d.profileId === change.profileId &&
      d.registryId === change.registryId &&
      d.ruleName === change.ruleName;
    return this.#track(
      work.then(
        async (value) => {
          for (const d of drafts?.list().filter(sameRule) ?? []) await drafts?.discard(d.id).catch(() => undefined);
          return value;
        },
        async (error: unknown) => {
          if (!drafts || !(error instanceof UserFacingError) || error.code !== 'CLOUD' || !error.cloud) throw error;
          // One draft per rule: a new failure replaces the one before.
          const previous = drafts.list().find(sameRule);
          const id = await drafts.keep({ ...change, error: error.cloud }, previous?.id).catch(() => undefined);
          throw id ? error.withDraft(id) : error;
        },
      ),
    );
  }

  /**
   * Waits for the changes in flight (at most `waitMs`), so that closing the app does not cut a
   * write short before its answer is recorded. A change asked after this still runs.
   */
  async stop(waitMs = STOP_WAIT_MS): Promise<void> {
    if (this.#inFlight.size === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    const settled = Promise.allSettled([...this.#inFlight]).then(() => undefined);
    await Promise.race([settled, deadline]);
    clearTimeout(timer);
  }

  /** The request a change would send, and the rule before and after it (the API's field names). */
  request(query: RuleKey & { kind: 'setEnabled' | 'delete'; enabled?: boolean | undefined }): RuleChangeRequest {
    const { rule } = this.#find(query);
    const key = { SourceRegistryId: query.registryId, RuleName: query.ruleName };
    if (query.kind === 'delete') return { ...deleteRequest(rule), ...this.#confirmOf(query, 'delete') };
    if (query.enabled === undefined) throw validationError({ enabled: 'enabled.required' });
    return {
      action: 'ModifyReplication',
      request: { ...key, Rule: { Enabled: query.enabled } },
      before: { Enabled: rule.enabled },
      after: { Enabled: query.enabled },
      ...this.#confirmOf(query, query.enabled ? 'enable' : 'disable'),
    };
  }

  /** `{ confirm }` when the production guard asks for the rule's name before this change, else `{}`. */
  #confirmOf(key: RuleKey, kind: GuardedChangeKind): Pick<RuleChangeRequest, 'confirm'> {
    const guard = this.#guard(key);
    if (!guard.needed) return {};
    const summary = changeSummary({ ...guard.facts, kind, ruleName: key.ruleName, ...this.#ends(key) });
    return {
      confirm: {
        summary,
        production: { source: guard.facts.sourceProduction, target: guard.facts.targetProduction },
      },
    };
  }

  /**
   * The production guard's facts for a rule as known: its profile's mark, and its target's — the
   * profile `target.profileId` names (a cross-account rule to another profile of the app), or the
   * rule's own profile when no profile is named but the target is in its account. A target no
   * profile knows counts as not production (nothing tells whose it is).
   */
  #guard(key: RuleKey): { needed: boolean; facts: Parameters<typeof confirmNeeded>[0] } {
    const { profile } = this.#find(key);
    const targetProfile = this.#targetProfile(key);
    const facts = {
      sourceProduction: profile.production,
      targetProduction: targetProfile?.production ?? false,
      deletionTurnedOn: false, // enabling or disabling never changes sync deletions
    };
    return { needed: confirmNeeded(facts), facts };
  }

  #targetProfile(key: RuleKey): ProfileView | undefined {
    const targetId = this.deps.rules.rowOf(key.profileId, key.registryId, key.ruleName)?.target.profileId;
    if (targetId === undefined) return undefined;
    return this.deps.profiles.list().find((p) => p.id === targetId);
  }

  /** The rule's two ends as the confirmation names them: `account · instance`. */
  #ends(key: RuleKey): { source: string; target: string } {
    const { profile } = this.#find(key);
    const row = this.deps.rules.rowOf(key.profileId, key.registryId, key.ruleName);
    const targetProfile = this.#targetProfile(key);
    const source = [profile.name, row?.source.name ?? key.registryId].join(' · ');
    const targetInstance = row?.target.name ?? row?.target.registryId ?? row?.target.raw ?? '';
    const target = targetProfile ? [targetProfile.name, targetInstance].join(' · ') : targetInstance;
    return { source, target };
  }

  /** Remembers a change until it settles, for `stop()`. */
  #track<T>(change: Promise<T>): Promise<T> {
    this.#inFlight.add(change);
    const forget = () => this.#inFlight.delete(change);
    change.then(forget, forget);
    return change;
  }

  #queue({ profileId, registryId }: RuleKey): SerialQueue {
    return this.#queues.of(profileId, registryId);
  }

  /** The profile and the rule as known; NOT_FOUND for an unknown profile, instance or rule. */
  #find({ profileId, registryId, ruleName }: RuleKey): { profile: ProfileView; rule: StoredRule } {
    const profile = this.deps.profiles.list().find((p) => p.id === profileId);
    if (!profile) throw new UserFacingError('NOT_FOUND', 'This profile no longer exists');
    const rule = this.deps.rules.ruleOf(profileId, registryId, ruleName);
    if (!rule) throw new UserFacingError('NOT_FOUND', `No rule ${ruleName} is known on instance ${registryId}`);
    return { profile, rule };
  }

  #rowOf({ profileId, registryId, ruleName }: RuleKey): RuleRow {
    const row = this.deps.rules.rowOf(profileId, registryId, ruleName);
    if (!row) throw new UserFacingError('NOT_FOUND', `The rule ${ruleName} is no longer on instance ${registryId}`);
    return row;
  }

  /** Where the instance's calls go: the profile's endpoint and keys, the instance's own region. */
  async #targetOf(profile: ProfileView, rule: StoredRule): Promise<CloudTarget> {
    const target = await this.deps.targets.targetFor(profile);
    return { ...target, region: rule.source.regionName };
  }

  /**
   * Reads the instance's rules back into the known rows. Answers whether that worked (a failed
   * read-back is logged, not thrown: the write's outcome is what the user asked about).
   */
  async #readBack(at: CloudTarget, rule: StoredRule): Promise<CloudRule[] | undefined> {
    try {
      const rules = await this.deps.reader.rules(at, rule.source.registryId);
      await this.deps.rules.instanceRead(rule.profileId, rule.source, rules);
      return rules;
    } catch (error) {
      this.deps.log?.(`rules of ${rule.source.registryId} not read back: ${this.#describe(error).message}`);
      return undefined;
    }
  }

  /**
   * A write failed. Refused: its error (NOT_FOUND when the rule turns out to be gone). Reply lost: the instance's rules are read back, and the
   * change counts as done when `happened` says so; otherwise the write's error is the answer.
   */
  async #afterFailure(
    error: unknown,
    at: CloudTarget,
    rule: StoredRule,
    happened: (rules: readonly CloudRule[]) => boolean,
  ): Promise<void> {
    if (error instanceof UserFacingError) throw error;
    const view = this.#describe(error);
    if (view.kind === 'notFound') {
      // Deleted meanwhile (another window, the console)? The list learns it either way.
      const rules = await this.#readBack(at, rule);
      if (rules && !rules.some((r) => r.name === rule.name)) {
        throw new UserFacingError('NOT_FOUND', `The rule ${rule.name} no longer exists`, undefined, view);
      }
      throw cloudError(view);
    }
    if (!UNKNOWN_OUTCOME.has(view.kind)) throw cloudError(view);
    const rules = await this.#readBack(at, rule);
    if (!rules) {
      throw cloudError({
        ...view,
        message: `${view.message} (the rules could not be read back: whether the change happened is unknown)`,
      });
    }
    if (!happened(rules)) throw cloudError(view);
  }

  #describe(error: unknown): CloudErrorView {
    if (error instanceof UserFacingError) {
      return error.cloud ?? { code: error.code, message: error.message, kind: 'other' };
    }
    return this.deps.reader.describeError(error);
  }
}
