import path from 'node:path';
import { settingsSchema, type Settings } from '../../contract/index.js';
import { SerialQueue } from '../../base/serial-queue.js';
import { JsonDocument } from '../../storage/json-document.js';
import type { EventHub } from '../shared/event-hub.js';
import type { AlertBoard } from './alert-board.js';

export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  keychainTimeoutSeconds: 30,
  notifyOn: 'all',
  doNotDisturbUntil: '',
  mutedRules: [],
  watchIdleSeconds: 300,
  watchActiveSeconds: 15,
  tray: true,
  startMinimised: false,
  startAtLogin: false,
  trayNoticeShown: false,
  bandwidthCapMbps: 0,
};

const settingsFileSchema = settingsSchema.partial();

export class SettingsService {
  readonly #doc: JsonDocument<typeof settingsFileSchema>;
  #settings: Settings = { ...DEFAULT_SETTINGS };
  readonly #changes = new SerialQueue();

  constructor(
    userDataDir: string,
    private readonly events: EventHub,
    private readonly alerts: AlertBoard,
  ) {
    this.#doc = new JsonDocument(path.join(userDataDir, 'settings.json'), settingsFileSchema, () => ({}));
  }

  async load(): Promise<void> {
    const outcome = await this.#doc.load();
    if (outcome.kind === 'corrupt') await this.alerts.add('settings-corrupt', outcome.keptAs);
    this.#settings = { ...DEFAULT_SETTINGS, ...outcome.value };
  }

  get(): Settings {
    return { ...this.#settings };
  }

  /** Changes run one after another, each on the settings the one before left. */
  update(patch: Partial<Settings>): Promise<Settings> {
    return this.change(() => patch);
  }

  /**
   * A change worked out from the settings as they are when its turn comes, so two callers editing
   * one list (e.g. muted rules) at once both keep their edit.
   */
  change(patchOf: (current: Settings) => Partial<Settings>): Promise<Settings> {
    return this.#changes.run(async () => {
      const next = { ...this.#settings, ...patchOf(this.get()) };
      await this.#doc.save(next);
      this.#settings = next;
      this.events.emit('settings:changed', this.get());
      return this.get();
    });
  }
}
