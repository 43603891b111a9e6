import type {
  CloudErrorView,
  InstanceRow,
  InstancesView,
  ProfileView,
  RuleCheck,
  RuleChangeRequest,
  RuleRow,
  ruleDraftSchema,
  ruleSaveSchema,
} from '../../contract/index.js';
import { confirmNeeded } from '../../domain/production-guard.js';
import { checkDraft, draftFilters, type DraftFacts } from '../../domain/rule-draft.js';
import type { z } from 'zod';
import type { CloudReader, CloudRule, CloudTarget } from '../cloud/cloud-port.js';
import { cloudError, UserFacingError, validationError } from '../shared/user-facing-error.js';
import type { StoredRule } from './rule-cache.js';
import {
  createTokenRequest,
  deleteRequest,
  manageRequest,
  modifyRequest,
  type NewRuleShape,
} from './rule-edit-requests.js';
import type { InstanceQueues } from './instance-queues.js';
import type { OrphanToken, PeerTokens } from './peer-tokens.js';
import type { DraftEntry, RuleDrafts } from './rule-drafts.js';
import type { RuleService } from './rule-service.js';

type Draft = z.output<typeof ruleDraftSchema>;
type Save = z.output<typeof ruleSaveSchema>;

export interface RuleEditorDeps {
  profiles: { list(): ProfileView[] };
  targets: { targetFor(profile: ProfileView): Promise<CloudTarget> };
  instances: { view(): InstancesView };
  reader: Pick<
    CloudReader,
    | 'rules'
    | 'createRule'
    | 'modifyRule'
    | 'deleteRule'
    | 'createLongTermToken'
    | 'deleteToken'
    | 'callerIdentity'
    | 'describeError'
  >;
  rules: Pick<RuleService, 'view' | 'ruleOf' | 'rowOf' | 'instanceRead' | 'ruleChanged'>;
  queues: InstanceQueues;
  tokens: PeerTokens;
  drafts: RuleDrafts;
  log?: (line: string) => void;
}

/** Failures that leave it unknown whether a write happened: its reply was lost. */
const UNKNOWN_OUTCOME: ReadonlySet<CloudErrorView['kind']> = new Set(['network', 'timeout']);

/** What a form is about, found out from what the app knows (no cloud call). */
interface Context {
  profile: ProfileView;
  source: InstanceRow | undefined;
  targetProfile: ProfileView | undefined;
  target: InstanceRow | undefined;
  original: StoredRule | undefined;
  facts: DraftFacts;
  /** The target account when the app knows it (pasted, or the target profile's uin). */
  peerUin: string | undefined;
}

/**
 * Creates and edits rules (the console's 创建同步规则 and 配置), cross-account ones with a pasted
 * or a freshly made long-term token. Checks first, never sends what the check refuses; changes of
 * one instance's rules run one at a time (shared with toggles and deletes); a write is never
 * retried, and a lost reply is settled by reading the rules back. A change that cannot be sent
 * is kept as a draft with everything typed.
 */
export class RuleEditor {
  constructor(private readonly deps: RuleEditorDeps) {}

  /** Every problem and warning of the form, and what saving it would send. */
  check(draft: Draft): RuleCheck {
    const context = this.#context(draft);
    const { fields, warnings, plan } = checkDraft(draft, context.facts);
    return {
      fields,
      warnings,
      plan,
      tokenFollowers: this.#tokenFollowers(draft, context),
      confirmRequired: this.#confirmRequired(draft, context),
      requests: this.#requests(draft, context, plan),
    };
  }

  /** Tokens the app made for rules the cloud refused, that wait to be deleted. */
  unusedTokens(): readonly OrphanToken[] {
    return this.deps.tokens.orphans();
  }

  /**
   * Deletes the tokens the app made for rules the cloud refused; those that still cannot be
   * deleted stay listed. Run at start and before every one-click save. Never throws.
   */
  async deleteUnusedTokens(): Promise<void> {
    for (const orphan of this.deps.tokens.orphans()) {
      const profile = this.deps.profiles.list().find((p) => p.id === orphan.profileId);
      if (!profile) {
        // The target account's profile is gone: the app can never delete it; the list says so no more.
        await this.deps.tokens.settled(orphan.tokenId);
        continue;
      }
      const instance = this.#instanceOf(profile.id, orphan.registryId);
      try {
        const target = await this.deps.targets.targetFor(profile);
        await this.deps.reader.deleteToken(
          { ...target, region: instance?.regionName ?? target.region },
          orphan.registryId,
          orphan.tokenId,
        );
      } catch (error) {
        const view = this.#describe(error);
        if (view.kind !== 'notFound') {
          this.deps.log?.(`unused token ${orphan.tokenId} not deleted yet: ${view.message}`);
          continue;
        }
      }
      await this.deps.tokens.settled(orphan.tokenId);
    }
  }

  /** Creates the rule and answers it as read back from the cloud. */
  create(input: Save): Promise<RuleRow> {
    if (input.draft.original) return Promise.reject(validationError({ original: 'rule.createHasOriginal' }));
    return this.#save(input);
  }

  /** Changes the rule (ModifyReplication, or delete + create) and answers it as read back. */
  update(input: Save): Promise<RuleRow> {
    if (!input.draft.original) return Promise.reject(validationError({ original: 'rule.updateNeedsOriginal' }));
    return this.#save(input);
  }

  async #save(input: Save): Promise<RuleRow> {
    const { draft } = input;
    return this.deps.queues.of(draft.profileId, draft.registryId).run(async () => {
      const context = this.#context(draft);
      const { fields, plan } = checkDraft(draft, context.facts);
      if (Object.keys(fields).length > 0) throw validationError(fields);
      if (this.#confirmRequired(draft, context) && input.confirmName !== draft.name) {
        throw validationError({ confirmName: 'rule.confirmMismatch' });
      }
      if (plan === 'recreate' && input.confirmRecreate !== true) {
        throw validationError({ confirmRecreate: 'rule.confirmRecreate' });
      }
      const token = await this.#pastedToken(draft, plan, input.draftId);
      try {
        if (plan === 'update') await this.#modify(draft, context);
        else if (plan === 'create') await this.#create(draft, context, token);
        else await this.#recreate(draft, context, token);
      } catch (error) {
        throw await this.#keepDraft(error, draft, plan, token, input.draftId);
      }
      if (input.draftId) await this.deps.drafts.discard(input.draftId);
      const row = this.deps.rules.rowOf(draft.profileId, draft.registryId, draft.name);
      if (!row) throw new UserFacingError('NOT_FOUND', `The rule ${draft.name} is not on instance ${draft.registryId}`);
      return row;
    });
  }

  // --- the writes ---------------------------------------------------------------------------

  async #modify(draft: Draft, context: Context): Promise<void> {
    const original = context.original;
    if (!original) throw new UserFacingError('NOT_FOUND', 'The rule being edited is no longer known');
    const at = await this.#sourceTarget(context);
    const keep = new Set(draft.keep ?? []);
    const change = {
      sourceRegistryId: draft.registryId,
      ruleName: original.name,
      description: draft.description,
      rule: {
        filters: draftFilters(draft.selection),
        override: draft.override,
        ...(keep.has('destNamespace') ? {} : { destNamespace: draft.destNamespace }),
        ...(keep.has('deletion') ? {} : { deletion: draft.deletion }),
      },
    };
    await this.#write(
      at,
      draft,
      () => this.deps.reader.modifyRule(at, change),
      (rules) => {
        const rule = rules.find((r) => r.name === original.name);
        return rule?.description === draft.description && rule.override === draft.override;
      },
    );
  }

  async #create(draft: Draft, context: Context, pasted: string | undefined): Promise<void> {
    const at = await this.#sourceTarget(context);
    const shape = this.#newRule(draft, context);
    const peer = await this.#peerFor(draft, context, at, pasted);
    try {
      await this.#write(
        at,
        draft,
        () => this.deps.reader.createRule(at, { ...toCloudRule(shape), ...(peer ? { peer: peer.send } : {}) }),
        (rules) => rules.some((r) => r.name === draft.name),
        // Kept before the rules are read back: whoever hears `rules:changed` finds the token known.
        peer ? () => this.#keepToken(draft, context, peer) : undefined,
      );
    } catch (error) {
      if (peer?.minted) await this.#dropMinted(peer.minted);
      throw error;
    }
  }

  /**
   * Delete + create. A new name: the new rule is created first, then the old one deleted, so a
   * failure never leaves neither. The same name (the target changed): the old one must go first;
   * when the create then fails, the draft keeps everything to create it again.
   */
  async #recreate(draft: Draft, context: Context, pasted: string | undefined): Promise<void> {
    const original = context.original;
    if (!original) throw new UserFacingError('NOT_FOUND', 'The rule being edited is no longer known');
    const at = await this.#sourceTarget(context);
    const removeOld = () =>
      this.#write(
        at,
        draft,
        () => this.deps.reader.deleteRule(at, draft.registryId, original.name),
        (rules) => !rules.some((r) => r.name === original.name),
      );
    if (draft.name !== original.name) {
      await this.#create(draft, context, pasted);
      await removeOld();
    } else {
      await removeOld();
      await this.#create(draft, { ...context, original: undefined }, pasted);
    }
  }

  /**
   * One write, never retried. Done → the instance's rules read back. Refused → its error. Reply
   * lost → the rules are read back and `happened` decides.
   */
  async #write(
    at: CloudTarget,
    draft: Draft,
    send: () => Promise<void>,
    happened: (rules: readonly CloudRule[]) => boolean,
    /** What to do once the write is known to have happened (before the rules are read back when it can). */
    done?: () => Promise<void>,
  ): Promise<void> {
    try {
      await send();
    } catch (error) {
      const view = this.#describe(error);
      if (!UNKNOWN_OUTCOME.has(view.kind)) throw cloudError(view);
      const rules = await this.#readBack(at, draft);
      if (!rules) {
        throw cloudError({
          ...view,
          message: `${view.message} (the rules could not be read back: whether the change happened is unknown)`,
        });
      }
      if (!happened(rules)) throw cloudError(view);
      await done?.();
      return;
    }
    await done?.();
    await this.#readBack(at, draft);
  }

  async #readBack(at: CloudTarget, draft: Draft): Promise<CloudRule[] | undefined> {
    const source = this.#instanceOf(draft.profileId, draft.registryId);
    if (!source) return undefined;
    try {
      const rules = await this.deps.reader.rules(at, draft.registryId);
      await this.deps.rules.instanceRead(draft.profileId, source, rules);
      return rules;
    } catch (error) {
      this.deps.log?.(`rules of ${draft.registryId} not read back: ${this.#describe(error).message}`);
      return undefined;
    }
  }

  // --- cross-account tokens -----------------------------------------------------------------

  /** The token a paste-mode form sends: typed now, kept by its draft, or kept for that account. */
  async #pastedToken(draft: Draft, plan: RuleCheck['plan'], draftId: string | undefined): Promise<string | undefined> {
    const target = draft.target;
    if (target.mode !== 'paste') return undefined;
    // An update (ModifyReplication) sends no token: the cloud keeps the one the rule has.
    if (plan === 'update') return undefined;
    if (target.token !== '') return target.token;
    const fromDraft = draftId ? await this.deps.drafts.token(draftId) : null;
    if (fromDraft) return fromDraft;
    const kept = await this.deps.tokens.read({
      profileId: draft.profileId,
      registryId: draft.registryId,
      uin: target.uin,
    });
    if (kept) return kept;
    throw validationError({ 'target.token': 'rule.tokenRequired' });
  }

  /**
   * What a cross-account rule sends: the pasted token, or (one-click) a long-term token made on
   * the target now. Nothing for a rule within one account (also when another profile of the app
   * turns out to be the same account).
   */
  async #peerFor(
    draft: Draft,
    context: Context,
    at: CloudTarget,
    pasted: string | undefined,
  ): Promise<PeerToSend | undefined> {
    const target = draft.target;
    if (target.mode === 'sameAccount') return undefined;
    if (target.mode === 'paste') {
      if (!pasted) throw validationError({ 'target.token': 'rule.tokenRequired' });
      return { send: { uin: target.uin, token: pasted }, targetRegistryId: target.registryId };
    }
    const targetProfile = context.targetProfile;
    if (!targetProfile) throw validationError({ 'target.profileId': 'rule.targetProfileUnknown' });
    await this.deleteUnusedTokens();
    const targetAt = {
      ...(await this.deps.targets.targetFor(targetProfile)),
      region: context.target?.regionName ?? targetProfile.region,
    };
    const [own, theirs] = await Promise.all([
      this.#accountOf(context.profile, at),
      this.#accountOf(targetProfile, targetAt),
    ]);
    if (own === theirs) return undefined;
    let made;
    try {
      made = await this.deps.reader.createLongTermToken(targetAt, target.registryId, tokenDescription(draft, context));
    } catch (error) {
      throw cloudError(this.#describe(error));
    }
    if (!made.tokenId) throw new UserFacingError('CLOUD', 'CreateInstanceToken answered without a token id');
    return {
      send: { uin: theirs, token: made.token },
      targetRegistryId: target.registryId,
      targetProfileId: targetProfile.id,
      minted: { at: targetAt, registryId: target.registryId, tokenId: made.tokenId, profileId: targetProfile.id },
    };
  }

  async #accountOf(profile: ProfileView, at: CloudTarget): Promise<string> {
    if (profile.uin !== '') return profile.uin;
    try {
      return (await this.deps.reader.callerIdentity(at)).accountId;
    } catch (error) {
      throw cloudError(this.#describe(error));
    }
  }

  /** A made token whose rule was not created is deleted again, or listed for cleanup. */
  async #dropMinted(minted: MintedToken): Promise<void> {
    try {
      await this.deps.reader.deleteToken(minted.at, minted.registryId, minted.tokenId);
    } catch (error) {
      this.deps.log?.(`token ${minted.tokenId} of ${minted.registryId} not deleted: ${this.#describe(error).message}`);
      await this.deps.tokens.addOrphan({
        profileId: minted.profileId,
        registryId: minted.registryId,
        tokenId: minted.tokenId,
      });
    }
  }

  async #keepToken(draft: Draft, context: Context, peer: PeerToSend): Promise<void> {
    try {
      await this.deps.tokens.keep(
        {
          profileId: draft.profileId,
          registryId: draft.registryId,
          uin: peer.send.uin,
          targetRegistryId: peer.targetRegistryId,
          ...(peer.targetProfileId ? { targetProfileId: peer.targetProfileId } : {}),
          ...(peer.minted ? { tokenId: peer.minted.tokenId } : {}),
        },
        peer.send.token,
      );
    } catch (error) {
      // The rule exists and works: the cloud has the token. Only the app's copy is missing.
      this.deps.log?.(`token for ${context.profile.name} · ${draft.registryId} not kept: ${String(error)}`);
    }
  }

  // --- drafts --------------------------------------------------------------------------------

  /** A change that could not be sent is kept with everything typed; the error says which draft. */
  async #keepDraft(
    error: unknown,
    draft: Draft,
    plan: RuleCheck['plan'],
    token: string | undefined,
    replaces: string | undefined,
  ): Promise<UserFacingError> {
    const failure =
      error instanceof UserFacingError ? error : new UserFacingError('INTERNAL', 'The change could not be sent');
    if (failure.code === 'VALIDATION' || failure.code === 'NOT_FOUND') return failure;
    const entry: DraftEntry = {
      kind: plan === 'create' ? 'create' : 'update',
      profileId: draft.profileId,
      registryId: draft.registryId,
      ruleName: draft.name,
      draft,
      error: failure.cloud ?? { kind: 'app', code: failure.code, message: failure.message },
      ...(token && draft.target.mode === 'paste' && draft.target.token !== '' ? { token } : {}),
    };
    try {
      const id = await this.deps.drafts.keep(entry, replaces);
      return failure.withDraft(id);
    } catch (keepError) {
      this.deps.log?.(`draft not kept: ${String(keepError)}`);
      return failure;
    }
  }

  // --- what the form is about ----------------------------------------------------------------

  #context(draft: Draft): Context {
    const profiles = this.deps.profiles.list();
    const profile = profiles.find((p) => p.id === draft.profileId);
    if (!profile) throw new UserFacingError('NOT_FOUND', 'This profile no longer exists');
    const source = this.#instanceOf(draft.profileId, draft.registryId);
    const t = draft.target;
    const targetProfile =
      t.mode === 'otherProfile'
        ? profiles.find((p) => p.id === t.profileId)
        : t.mode === 'sameAccount'
          ? profile
          : undefined;
    const target = t.mode === 'paste' || !targetProfile ? undefined : this.#instanceOf(targetProfile.id, t.registryId);
    const original = draft.original
      ? this.deps.rules.ruleOf(draft.profileId, draft.registryId, draft.original.ruleName)
      : undefined;
    if (draft.original && !original) {
      throw new UserFacingError(
        'NOT_FOUND',
        `No rule ${draft.original.ruleName} is known on instance ${draft.registryId}`,
      );
    }
    const peerUin =
      t.mode === 'paste'
        ? t.uin || undefined
        : t.mode === 'otherProfile' && targetProfile?.uin
          ? targetProfile.uin
          : undefined;
    const facts: DraftFacts = {
      source: source ? { registryId: source.registryId, spec: source.spec } : undefined,
      target: target ? { registryId: target.registryId, spec: target.spec } : undefined,
      ...(t.mode === 'otherProfile'
        ? { targetProfileIsSource: t.profileId === draft.profileId, targetProfileUnknown: !targetProfile }
        : {}),
      namesOnSource: this.#rulesOn(draft.profileId, draft.registryId).map((r) => r.name),
      ...(original ? { original: { name: original.name, targetRegistryId: registryIdOf(original.destResource) } } : {}),
      tokenKept:
        t.mode === 'paste' &&
        this.deps.tokens.recordOf({ profileId: draft.profileId, registryId: draft.registryId, uin: t.uin }) !==
          undefined,
    };
    return { profile, source, targetProfile, target, original, facts, peerUin };
  }

  #instanceOf(profileId: string, registryId: string): InstanceRow | undefined {
    return this.deps.instances.view().rows.find((r) => r.profileId === profileId && r.registryId === registryId);
  }

  #rulesOn(profileId: string, registryId: string): RuleRow[] {
    return this.deps.rules.view().rows.filter((r) => r.profileId === profileId && r.source.registryId === registryId);
  }

  /**
   * The rules of the source instance that sync to the same account as this cross-account form:
   * TCR moves them all to the newest token sent, this one. Known when their target is an instance
   * of a profile of that account, or the app kept a token for that account and instance.
   */
  #tokenFollowers(draft: Draft, context: Context): string[] {
    if (draft.target.mode === 'sameAccount') return [];
    const uin = context.peerUin;
    const profilesOfAccount = new Set(
      this.deps.profiles
        .list()
        .filter((p) => (uin !== undefined && p.uin === uin) || p.id === context.targetProfile?.id)
        .map((p) => p.id),
    );
    const recorded = new Set(
      this.deps.tokens
        .records()
        .filter((r) => r.profileId === draft.profileId && r.registryId === draft.registryId && r.uin === uin)
        .map((r) => r.targetRegistryId),
    );
    return this.#rulesOn(draft.profileId, draft.registryId)
      .filter((r) => r.name !== draft.original?.ruleName)
      .filter(
        (r) =>
          (r.target.profileId !== undefined &&
            r.target.profileId !== draft.profileId &&
            profilesOfAccount.has(r.target.profileId)) ||
          (r.target.registryId !== undefined && recorded.has(r.target.registryId)),
      )
      .map((r) => r.name)
      .sort();
  }

  #confirmRequired(draft: Draft, context: Context): boolean {
    return confirmNeeded({
      sourceProduction: context.profile.production,
      targetProduction: context.targetProfile?.production ?? false,
      deletionTurnedOn: draft.deletion && !(draft.keep ?? []).includes('deletion'),
    });
  }

  #requests(draft: Draft, context: Context, plan: RuleCheck['plan']): RuleChangeRequest[] {
    const create = (): RuleChangeRequest[] => {
      const shape = this.#newRule(draft, context);
      const t = draft.target;
      if (t.mode === 'otherProfile') {
        return [
          createTokenRequest(t.registryId, tokenDescription(draft, context)),
          manageRequest({ ...shape, peer: { uin: context.peerUin ?? '(the target account)', token: 'minted' } }),
        ];
      }
      if (t.mode === 'paste') {
        return [manageRequest({ ...shape, peer: { uin: t.uin, token: t.token === '' ? 'kept' : 'pasted' } })];
      }
      return [manageRequest(shape)];
    };
    const original = context.original;
    if (plan === 'create' || !original) return create();
    if (plan === 'recreate') {
      return draft.name !== original.name
        ? [...create(), deleteRequest(original)]
        : [deleteRequest(original), ...create()];
    }
    const keep = new Set(draft.keep ?? []);
    return [
      modifyRequest(original, {
        description: draft.description,
        filters: draftFilters(draft.selection),
        override: draft.override,
        destNamespace: keep.has('destNamespace') ? undefined : draft.destNamespace,
        deletion: keep.has('deletion') ? undefined : draft.deletion,
      }),
    ];
  }

  #newRule(draft: Draft, context: Context): NewRuleShape {
    return {
      sourceRegistryId: draft.registryId,
      destinationRegistryId: draft.target.registryId,
      ...(context.target ? { destinationRegionId: context.target.regionId } : {}),
      description: draft.description,
      name: draft.name,
      destNamespace: draft.destNamespace,
      override: draft.override,
      deletion: draft.deletion,
      filters: draftFilters(draft.selection),
    };
  }

  /** Calls for the source instance: the profile's endpoint and keys, the instance's region. */
  async #sourceTarget(context: Context): Promise<CloudTarget> {
    const target = await this.deps.targets.targetFor(context.profile);
    return { ...target, region: context.source?.regionName ?? target.region };
  }

  #describe(error: unknown): CloudErrorView {
    if (error instanceof UserFacingError) {
      return error.cloud ?? { code: error.code, message: error.message, kind: 'other' };
    }
    return this.deps.reader.describeError(error);
  }
}

interface MintedToken {
  at: CloudTarget;
  registryId: string;
  tokenId: string;
  profileId: string;
}

interface PeerToSend {
  send: { uin: string; token: string };
  targetRegistryId: string;
  targetProfileId?: string;
  minted?: MintedToken;
}

function toCloudRule(shape: NewRuleShape) {
  return {
    sourceRegistryId: shape.sourceRegistryId,
    destinationRegistryId: shape.destinationRegistryId,
    ...(shape.destinationRegionId !== undefined ? { destinationRegionId: shape.destinationRegionId } : {}),
    description: shape.description,
    rule: {
      name: shape.name,
      destNamespace: shape.destNamespace,
      override: shape.override,
      deletion: shape.deletion,
      filters: shape.filters,
    },
  };
}

/** Names the token after what uses it, so a person reading the target's token list knows. */
function tokenDescription(draft: Draft, context: Context): string {
  const source = context.source?.name ?? draft.registryId;
  return `TCR Sync Desktop: rule ${draft.name} from ${context.profile.name} · ${source}`.slice(0, 200);
}

/** A registry id at the start of a resource (`tcr-xxxxxxxx`, maybe with more after it). */
function registryIdOf(resource: string): string {
  return /^(tcr-[a-z0-9]+)/i.exec(resource.trim())?.[1] ?? resource;
}
