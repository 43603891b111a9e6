import path from 'node:path';
import { z } from 'zod';
import { isoNow, systemClock, type Clock } from '../../base/clock.js';
import type { StoreAlert } from '../../contract/index.js';
import { JsonDocument } from '../../storage/json-document.js';
import type { EventHub } from '../shared/event-hub.js';

const alertsFileSchema = z.object({
  version: z.literal(1),
  alerts: z
    .array(
      z.object({
        kind: z.enum(['profiles-corrupt', 'settings-corrupt']),
        keptAs: z.string().max(4096),
        at: z.string().max(64),
      }),
    )
    .max(100),
});

/**
 * Problems with stored data the user must hear about (e.g. a corrupt file set aside): "alerts",
 * not the renderer's toasts nor the sync notifications. Kept in alerts.json until the user
 * dismisses them: a restart must not hide that the profiles were set aside.
 */
export class AlertBoard {
  #alerts: StoreAlert[] = [];
  /** Saving waits for the load: an alert raised first must not overwrite the stored ones. */
  #loaded = false;
  readonly #doc: JsonDocument<typeof alertsFileSchema> | undefined;

  /** Without a user-data dir the alerts live in memory only (tests that do not restart). */
  constructor(
    private readonly events: EventHub,
    private readonly clock: Clock = systemClock,
    userDataDir?: string,
  ) {
    this.#doc =
      userDataDir === undefined
        ? undefined
        : new JsonDocument(path.join(userDataDir, 'alerts.json'), alertsFileSchema, () => ({
            version: 1 as const,
            alerts: [],
          }));
  }

  /** Reads the alerts not dismissed yet; a damaged alerts file is set aside and forgotten. */
  async load(): Promise<void> {
    if (!this.#doc) return;
    const outcome = await this.#doc.load();
    const raisedBefore = this.#alerts.length > 0;
    this.#loaded = true;
    this.#alerts = [
      ...outcome.value.alerts,
      ...this.#alerts.filter((a) => !outcome.value.alerts.some((b) => b.keptAs === a.keptAs)),
    ];
    if (raisedBefore) await this.#save();
  }

  async add(kind: StoreAlert['kind'], keptAs: string): Promise<void> {
    if (this.#alerts.some((a) => a.keptAs === keptAs)) return;
    this.#alerts = [...this.#alerts, { kind, keptAs, at: isoNow(this.clock) }];
    this.events.emit('app:alerts', this.list());
    await this.#save();
  }

  list(): StoreAlert[] {
    return this.#alerts.map((a) => ({ ...a }));
  }

  async dismiss(keptAs: string): Promise<void> {
    this.#alerts = this.#alerts.filter((a) => a.keptAs !== keptAs);
    this.events.emit('app:alerts', this.list());
    await this.#save();
  }

  /**
   * Never fails its caller: the alert is already shown and in memory; if it cannot be written
   * (a full disk, say) it is only lost at the next restart, and the app must still start.
   */
  async #save(): Promise<void> {
    if (!this.#doc || !this.#loaded) return;
    // The newest 100: a file corrupted at every start must not grow this one without bound.
    await this.#doc.save({ version: 1, alerts: this.#alerts.slice(-100) }).catch(() => undefined);
  }
}
