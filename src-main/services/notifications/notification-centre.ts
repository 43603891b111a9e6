import { systemClock, type Clock } from '../../base/clock.js';
import { SerialQueue } from '../../base/serial-queue.js';
import type {
  NotificationsMute,
  NotificationsView,
  RecentRunsView,
  RunNotice,
  Settings,
  SyncRun,
} from '../../contract/index.js';
import { buildRunNotice, muteKey, trayStateOf } from '../../domain/run-notice.js';
import { isFinalStatus } from '../../domain/sync-run.js';
import type { EventHub } from '../shared/event-hub.js';
import { MAX_ANNOUNCED, MAX_ENTRIES, notificationsDocument, type NotificationsFile } from './notification-file.js';

export interface NotificationCentreDeps {
  userDataDir: string;
  events: EventHub;
  /** Read when a run is announced (raised or not); changed atomically when a rule is muted. */
  settings: {
    get(): Settings;
    change(patchOf: (current: Settings) => Partial<Settings>): Promise<Settings>;
  };
  clock?: Clock;
  log?: (line: string) => void;
}

/**
 * The notification centre: a plain model of finished runs (newest first, at most 200), the unread
 * count and the tray's state, which the tray, the desktop notifications and the renderer only
 * display. It turns each `run:finished` into one entry and `sync:finished`, once per run.
 *
 * Every change (an announce, mark read, clear) runs alone through one queue, on the model the one
 * before left, and is written before it is told; the file is read on first use.
 */
export class NotificationCentre {
  readonly #doc;
  readonly #queue = new SerialQueue();
  readonly #clock: Clock;
  readonly #unsubscribe: (() => void)[] = [];
  #loaded = false;
  #entries: RunNotice[] = [];
  /** Oldest first; a run in it is never announced again. */
  #announced: string[] = [];
  #announcedSet = new Set<string>();
  #running = 0;

  constructor(private readonly deps: NotificationCentreDeps) {
    this.#doc = notificationsDocument(deps.userDataDir);
    this.#clock = deps.clock ?? systemClock;
    this.#unsubscribe.push(
      deps.events.on('run:finished', ({ run, failedByStatus }) => {
        this.announce(run, failedByStatus).catch((error: unknown) => this.#log(`announce ${run.key}`, error));
      }),
      deps.events.on('runs:changed', (view) => this.#runsChanged(view)),
    );
  }

  /** Reads the history (a missing or corrupt file: empty). */
  load(): Promise<void> {
    return this.#queue.run(() => this.#ensureLoaded());
  }

  /** The model as it is now. */
  view(): NotificationsView {
    return {
      entries: this.#entries.map((entry) => structuredClone(entry)),
      unread: this.#entries.filter((entry) => !entry.read).length,
      tray: trayStateOf(this.#entries, this.#running),
      running: this.#running,
    };
  }

  /** The model once every change asked before has been applied. */
  list(): Promise<NotificationsView> {
    return this.#queue.run(async () => {
      await this.#ensureLoaded();
      return this.view();
    });
  }

  /**
   * A run reached a final state: one entry, raised at once or not as the settings say, then
   * `sync:finished` and `notifications:changed`. A run already announced is ignored (undefined).
   */
  announce(run: SyncRun, failedByStatus: Record<string, number>): Promise<RunNotice | undefined> {
    return this.#queue.run(async () => {
      await this.#ensureLoaded();
      if (!isFinalStatus(run.status) || this.#announcedSet.has(run.key)) return undefined;
      const notice = buildRunNotice(run, failedByStatus, this.deps.settings.get(), this.#clock.now());
      this.#entries = [notice, ...this.#entries].slice(0, MAX_ENTRIES);
      this.#remember(run.key);
      // The user hears of the run even when the history cannot be written (a full disk): it is
      // kept in memory, and the watcher keeps its own record of what was announced.
      await this.#save().catch((error: unknown) => this.#log('save', error));
      this.deps.events.emit('sync:finished', structuredClone(notice));
      this.#changed();
      return structuredClone(notice);
    });
  }

  /** Marks the entries read (`ids` absent: all of them). */
  markRead(ids?: readonly string[]): Promise<NotificationsView> {
    return this.#queue.run(async () => {
      await this.#ensureLoaded();
      const which = ids === undefined ? undefined : new Set(ids);
      const touched = this.#entries.some((entry) => !entry.read && (which === undefined || which.has(entry.id)));
      if (!touched) return this.view();
      const next = this.#entries.map((entry) =>
        !entry.read && (which === undefined || which.has(entry.id)) ? { ...entry, read: true } : entry,
      );
      await this.#save(next);
      this.#entries = next;
      this.#changed();
      return this.view();
    });
  }

  /** Empties the history; the runs in it stay announced (they never come back). */
  clear(): Promise<NotificationsView> {
    return this.#queue.run(async () => {
      await this.#ensureLoaded();
      if (this.#entries.length === 0) return this.view();
      await this.#save([]);
      this.#entries = [];
      this.#changed();
      return this.view();
    });
  }

  /** Mutes or unmutes one rule: a read-modify-write of the settings, so concurrent mutes all stick. */
  async mute(input: NotificationsMute): Promise<string[]> {
    const key = muteKey(input);
    const settings = await this.deps.settings.change((current) => {
      const others = current.mutedRules.filter((rule) => rule !== key);
      return { mutedRules: input.muted ? [...others, key] : others };
    });
    return settings.mutedRules;
  }

  /** Stops listening and waits for the last write. */
  async stop(): Promise<void> {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    await this.#queue.run(async () => undefined);
  }

  #runsChanged(view: RecentRunsView): void {
    const running = view.runs.filter((run) => run.status === 'InProgress').length;
    if (running === this.#running) return;
    this.#running = running;
    this.#changed();
  }

  #changed(): void {
    this.deps.events.emit('notifications:changed', this.view());
  }

  #remember(key: string): void {
    this.#announced.push(key);
    this.#announcedSet.add(key);
    for (const old of this.#announced.splice(0, Math.max(0, this.#announced.length - MAX_ANNOUNCED))) {
      this.#announcedSet.delete(old);
    }
  }

  async #ensureLoaded(): Promise<void> {
    if (this.#loaded) return;
    const outcome = await this.#doc.load();
    if (outcome.kind === 'corrupt') this.deps.log?.(`[notifications] ${outcome.reason}; kept as ${outcome.keptAs}`);
    const file: NotificationsFile = outcome.value;
    this.#entries = file.entries;
    // Entries count as announced even when an older file's list lacks them.
    for (const key of [...file.announced, ...file.entries.map((entry) => entry.id).reverse()]) {
      if (!this.#announcedSet.has(key)) this.#remember(key);
    }
    this.#loaded = true;
  }

  #save(entries: RunNotice[] = this.#entries): Promise<void> {
    return this.#doc.save({ version: 1, entries, announced: [...this.#announced] });
  }

  #log(what: string, error: unknown): void {
    this.deps.log?.(`[notifications] ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
