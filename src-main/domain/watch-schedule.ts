// When the sync watcher asks each source instance for its runs. Pure: every method takes the time.
//
// One call per source instance covers all its rules, so the schedule is per source: the idle
// interval while it has no run in progress, the active one while it has; longer and longer after
// failures; never while its profile's keys are refused. Above all of them sits a budget of calls
// per minute (whatever else a poll costs is spent from it too), so a thousand rules cannot make
// the app hammer the cloud: the most overdue sources go first, the others wait their turn.

export interface WatchScheduleOptions {
  idleMs: number;
  activeMs: number;
  /** Calls per rolling minute for every source together (pages, tasks included). */
  budgetPerMinute?: number;
  /** The longest wait after failures, as a multiple of the idle interval. */
  backoffCapFactor?: number;
}

export const DEFAULT_BUDGET_PER_MINUTE = 30;
export const DEFAULT_BACKOFF_CAP_FACTOR = 4;
const MINUTE = 60_000;

/** `refused`: its profile's keys were refused; asked again only once the profile changes. */
export type ScheduleState = 'idle' | 'active' | 'backoff' | 'refused';

export interface SourceSchedule {
  profileId: string;
  state: ScheduleState;
  /** When it is due next (ms); undefined while refused or while a poll of it runs. */
  dueAt?: number;
  polling: boolean;
  /** Failures in a row. */
  failures: number;
  lastPolledAt?: number;
}

interface Entry {
  profileId: string;
  state: ScheduleState;
  /** Whether a run was in progress at the last answer: the interval a backoff starts from. */
  mode: 'idle' | 'active';
  /** Due time when not polling and not refused. */
  dueAt: number;
  polling: boolean;
  failures: number;
  lastPolledAt?: number;
  /** A catch-up came while it was being polled. */
  catchUpAfterPoll: boolean;
  /** When it was last handed out, in take order: among equally due sources the least recent goes first. */
  takenSeq: number;
}

export class WatchSchedule {
  #idleMs: number;
  #activeMs: number;
  readonly #budget: number;
  readonly #capFactor: number;
  readonly #entries = new Map<string, Entry>();
  /** Times of the calls spent in the last minute, oldest first. */
  #calls: number[] = [];
  #seq = 0;

  constructor(options: WatchScheduleOptions) {
    this.#idleMs = Math.max(1, options.idleMs);
    this.#activeMs = Math.max(1, options.activeMs);
    this.#budget = Math.max(1, options.budgetPerMinute ?? DEFAULT_BUDGET_PER_MINUTE);
    this.#capFactor = Math.max(1, options.backoffCapFactor ?? DEFAULT_BACKOFF_CAP_FACTOR);
  }

  get budgetPerMinute(): number {
    return this.#budget;
  }

  /**
   * Starts following a source (due at once, or at `dueAt`, e.g. its last read + the interval).
   * A source followed already is left as it is.
   */
  add(key: string, profileId: string, now: number, options: { active?: boolean; dueAt?: number } = {}): void {
    if (this.#entries.has(key)) return;
    this.#entries.set(key, {
      profileId,
      state: options.active ? 'active' : 'idle',
      mode: options.active ? 'active' : 'idle',
      dueAt: options.dueAt ?? now,
      polling: false,
      failures: 0,
      catchUpAfterPoll: false,
      takenSeq: 0,
    });
  }

  /** Stops following a source (a poll of it in flight finishes on its own). */
  remove(key: string): void {
    this.#entries.delete(key);
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  keys(): string[] {
    return [...this.#entries.keys()];
  }

  stateOf(key: string): SourceSchedule | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    return {
      profileId: e.profileId,
      state: e.state,
      ...(e.polling || e.state === 'refused' ? {} : { dueAt: e.dueAt }),
      polling: e.polling,
      failures: e.failures,
      ...(e.lastPolledAt !== undefined ? { lastPolledAt: e.lastPolledAt } : {}),
    };
  }

  /** New intervals (Settings): each source is due one new interval after its last poll. */
  setIntervals(idleMs: number, activeMs: number, now: number): void {
    this.#idleMs = Math.max(1, idleMs);
    this.#activeMs = Math.max(1, activeMs);
    for (const e of this.#entries.values()) {
      if (e.polling || e.state === 'refused' || e.state === 'backoff') continue;
      e.dueAt = (e.lastPolledAt ?? now) + this.#intervalOf(e.mode);
    }
  }

  /**
   * The sources to poll now: due, not refused, not being polled; the most overdue first and no
   * more than the budget has left. Each is marked as polling and one call is spent for it.
   */
  take(now: number): string[] {
    this.#prune(now);
    const left = this.#budget - this.#calls.length;
    if (left <= 0) return [];
    const due = [...this.#entries]
      .filter(([, e]) => !e.polling && e.state !== 'refused' && e.dueAt <= now)
      .sort(([ka, a], [kb, b]) => a.dueAt - b.dueAt || a.takenSeq - b.takenSeq || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .slice(0, left);
    for (const [, e] of due) {
      e.polling = true;
      e.takenSeq = ++this.#seq;
      e.catchUpAfterPoll = false;
      this.#calls.push(now);
    }
    return due.map(([key]) => key);
  }

  /** Calls a poll made beyond its first (more pages, a run's tasks): they count against the budget. */
  spend(now: number, calls: number): void {
    for (let i = 0; i < calls; i++) this.#calls.push(now);
  }

  /** Calls spent in the minute before `now`. */
  callsInLastMinute(now: number): number {
    this.#prune(now);
    return this.#calls.length;
  }

  /** Whether another call may be spent right now (the budget has room). */
  hasBudget(now: number): boolean {
    return this.callsInLastMinute(now) < this.#budget;
  }

  /** A poll answered: due again in the active interval while a run is in progress, else idle. */
  succeeded(key: string, now: number, active: boolean): void {
    const e = this.#entries.get(key);
    if (!e) return;
    e.polling = false;
    e.failures = 0;
    e.lastPolledAt = now;
    e.mode = active ? 'active' : 'idle';
    e.state = e.mode;
    e.dueAt = now + this.#intervalOf(e.mode);
    e.catchUpAfterPoll = false;
  }

  /**
   * A poll failed. `refused`: the keys were refused, so every source of the profile stops until
   * `profileChanged`. Otherwise it waits twice as long each time, up to the cap; a catch-up that
   * came meanwhile (the network is back) makes it due at once.
   */
  failed(key: string, now: number, refused: boolean): void {
    const e = this.#entries.get(key);
    if (!e) return;
    e.polling = false;
    e.lastPolledAt = now;
    if (refused) {
      e.catchUpAfterPoll = false;
      this.refuseProfile(e.profileId);
      return;
    }
    e.failures += 1;
    e.state = 'backoff';
    e.dueAt = e.catchUpAfterPoll ? now : now + this.backoffMs(this.#intervalOf(e.mode), e.failures);
    e.catchUpAfterPoll = false;
  }

  /** The wait after `failures` failures in a row of a source polled every `baseMs`. */
  backoffMs(baseMs: number, failures: number): number {
    const cap = this.#idleMs * this.#capFactor;
    return Math.min(cap, baseMs * 2 ** Math.min(failures, 30));
  }

  /** The profile's keys were refused: none of its sources is asked until `profileChanged`. */
  refuseProfile(profileId: string): void {
    for (const e of this.#entries.values()) {
      if (e.profileId === profileId) e.state = 'refused';
    }
  }

  /** The profile was edited (new keys, endpoint…): its refused sources are asked again at once. */
  profileChanged(profileId: string, now: number): void {
    for (const e of this.#entries.values()) {
      if (e.profileId !== profileId || e.state !== 'refused') continue;
      e.state = e.mode;
      e.failures = 0;
      e.dueAt = now;
    }
  }

  /** After sleep or a network change: every source is due now (still within the budget). */
  catchUp(now: number): void {
    for (const e of this.#entries.values()) {
      if (e.state === 'refused') continue;
      if (e.polling) e.catchUpAfterPoll = true;
      else {
        e.dueAt = Math.min(e.dueAt, now);
      }
    }
  }

  /**
   * When something is to be polled next: the earliest due time, or, when the budget is spent,
   * the moment the oldest call leaves the rolling minute. Undefined when nothing is due ever
   * (no source, all refused or polling).
   */
  nextAt(now: number): number | undefined {
    let earliest: number | undefined;
    for (const e of this.#entries.values()) {
      if (e.polling || e.state === 'refused') continue;
      if (earliest === undefined || e.dueAt < earliest) earliest = e.dueAt;
    }
    if (earliest === undefined) return undefined;
    this.#prune(now);
    if (this.#calls.length >= this.#budget) {
      const oldest = this.#calls[this.#calls.length - this.#budget] ?? now;
      return Math.max(earliest, oldest + MINUTE);
    }
    return earliest;
  }

  #intervalOf(state: 'idle' | 'active'): number {
    return state === 'active' ? this.#activeMs : this.#idleMs;
  }

  #prune(now: number): void {
    let drop = 0;
    while (drop < this.#calls.length && (this.#calls[drop] ?? 0) <= now - MINUTE) drop++;
    if (drop > 0) this.#calls = this.#calls.slice(drop);
  }
}
