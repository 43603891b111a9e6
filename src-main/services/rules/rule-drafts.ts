import path from 'node:path';
import { z } from 'zod';
import type { TokenVault } from '../../accounts/token-vault.js';
import { isoNow, systemClock, type Clock } from '../../base/clock.js';
import { SerialQueue } from '../../base/serial-queue.js';
import { cloudErrorKinds, ruleDraftSchema, type DraftView, type RuleDraft } from '../../contract/index.js';
import { JsonDocument } from '../../storage/json-document.js';
import type { KeychainService } from '../app-state/keychain-service.js';
import type { EventHub } from '../shared/event-hub.js';

/** At most this many drafts are kept: the oldest go first (a person retries or discards long before). */
export const MAX_DRAFTS = 200;

const errorSchema = z.union([
  z.object({ kind: z.literal('app'), code: z.string().max(64), message: z.string().max(2000) }),
  z.object({
    kind: z.enum(cloudErrorKinds),
    code: z.string().max(200),
    message: z.string().max(2000),
    requestId: z.string().max(200).optional(),
    action: z.string().max(200).optional(),
  }),
]);

const draftViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['create', 'update', 'setEnabled', 'delete']),
  profileId: z.string().max(64),
  registryId: z.string().max(64),
  ruleName: z.string().max(200),
  draft: ruleDraftSchema.optional(),
  enabled: z.boolean().optional(),
  tokenKept: z.boolean(),
  error: errorSchema,
  savedAt: z.string().max(40),
});

const fileSchema = z.object({ version: z.literal(1), drafts: z.array(draftViewSchema).max(MAX_DRAFTS) });

/** A change to keep: the draft's fields, and a pasted token when the form had one. */
export type DraftEntry = Omit<DraftView, 'id' | 'savedAt' | 'tokenKept'> & { token?: string };

/**
 * Rule changes that could not be sent, kept in `rule-drafts.json` (a pasted token in the keychain,
 * never in the file) until they are sent or discarded; also across restarts. Changes run one at a
 * time; every change emits `drafts:changed`.
 */
export class RuleDrafts {
  readonly #doc: JsonDocument<typeof fileSchema>;
  readonly #queue = new SerialQueue();
  #drafts: DraftView[] = [];

  constructor(
    userDataDir: string,
    private readonly deps: {
      vault: TokenVault;
      keychain: Pick<KeychainService, 'use'>;
      events: EventHub;
      newId: () => string;
      clock?: Clock;
    },
  ) {
    this.#doc = new JsonDocument(path.join(userDataDir, 'rule-drafts.json'), fileSchema, () => ({
      version: 1 as const,
      drafts: [],
    }));
  }

  async load(): Promise<void> {
    this.#drafts = (await this.#doc.load()).value.drafts;
  }

  list(): DraftView[] {
    return this.#drafts.map((d) => ({ ...d }));
  }

  get(id: string): DraftView | undefined {
    return this.#drafts.find((d) => d.id === id);
  }

  /** The pasted token a draft kept, or null. */
  token(id: string): Promise<string | null> {
    return this.deps.keychain.use(() => this.deps.vault.readDraftToken(id));
  }

  /**
   * Keeps a change (replacing the draft `replaces` when it retried one) and answers its id. The
   * pasted token goes to the keychain; when the keychain cannot take it, the draft is kept
   * without it (the form says to paste it again) rather than lost.
   */
  keep(entry: DraftEntry, replaces?: string): Promise<string> {
    return this.#queue.run(async () => {
      const id = replaces && this.get(replaces) ? replaces : this.deps.newId();
      const { token, ...rest } = entry;
      let tokenKept = false;
      if (token) {
        tokenKept = await this.deps.keychain
          .use(() => this.deps.vault.saveDraftToken(id, token))
          .then(() => true)
          .catch(() => false);
      } else if (replaces === id) {
        tokenKept = this.get(id)?.tokenKept ?? false;
      }
      const view: DraftView = {
        ...rest,
        ...(rest.draft ? { draft: withoutToken(rest.draft) } : {}),
        id,
        tokenKept,
        savedAt: isoNow(this.deps.clock ?? systemClock),
      };
      const others = this.#drafts.filter((d) => d.id !== id);
      const next = [...others, view].slice(-MAX_DRAFTS);
      await this.#save(next);
      return id;
    });
  }

  /** Removes a draft (sent or discarded) and its token; an unknown id is nothing to do. */
  discard(id: string): Promise<void> {
    return this.#queue.run(async () => {
      const draft = this.get(id);
      if (!draft) return;
      await this.#save(this.#drafts.filter((d) => d.id !== id));
      if (draft.tokenKept) {
        // The draft is gone either way; a token left behind is only found by its id, which is gone too.
        await this.deps.keychain.use(() => this.deps.vault.deleteDraftToken(id)).catch(() => undefined);
      }
    });
  }

  async #save(next: DraftView[]): Promise<void> {
    await this.#doc.save({ version: 1, drafts: next });
    this.#drafts = next;
    this.deps.events.emit('drafts:changed', this.list());
  }
}

/** A draft as kept: a pasted token is never in the file. */
function withoutToken(draft: RuleDraft): RuleDraft {
  return draft.target.mode === 'paste' ? { ...draft, target: { ...draft.target, token: '' } } : draft;
}
