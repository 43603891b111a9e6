import type {
  AppError,
  PreviewRuleKey,
  RuleDraft,
  RulePreview,
  RulePreviewProgress,
} from '../../../src-main/contract/index.js';
import { api } from '../api.js';

/** What a preview is of: an existing rule (its key) or the form as typed. */
export type PreviewSubject = { rule: PreviewRuleKey } | { draft: RuleDraft };

/**
 * One preview on screen (the rule's pane and the rule form each have their own): asks
 * `rules:preview`, follows its progress events, and cancels it. Main keeps what it listed for the
 * session, so showing a preview again is quick; `refresh` lists the instances again.
 */
export class RulePreviewSession {
  result = $state<RulePreview | undefined>(undefined);
  error = $state<AppError | undefined>(undefined);
  loading = $state(false);
  progress = $state<RulePreviewProgress | undefined>(undefined);
  #requestId: string | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor() {
    this.#unsubscribe = api.on('rules:previewProgress', (payload) => {
      if (payload.requestId === this.#requestId) this.progress = payload;
    });
  }

  async run(subject: PreviewSubject, refresh = false): Promise<void> {
    // A new ask replaces one still running: its answer would describe something else.
    if (this.#requestId) void api.invoke('rules:cancelPreview', { requestId: this.#requestId });
    const requestId = crypto.randomUUID();
    this.#requestId = requestId;
    this.loading = true;
    this.progress = undefined;
    this.error = undefined;
    const result = await api.invoke('rules:preview', { ...subject, refresh, requestId });
    if (this.#requestId !== requestId) return;
    this.#requestId = undefined;
    this.loading = false;
    this.progress = undefined;
    if (result.ok) {
      this.result = result.value;
    } else if (result.error.cloud?.kind !== 'cancelled') {
      this.error = result.error;
    }
  }

  cancel(): void {
    if (this.#requestId) void api.invoke('rules:cancelPreview', { requestId: this.#requestId });
  }

  /** The preview is gone from the screen: a running one is cancelled, events no longer followed. */
  dispose(): void {
    this.cancel();
    this.#requestId = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
