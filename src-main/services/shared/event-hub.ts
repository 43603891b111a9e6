import { isEventName, type EventName, type PayloadOf, type SyncRun } from '../../contract/index.js';

/**
 * Events that stay inside the main process: never sent to a window. Features add theirs here.
 */
export interface MainEvents {
  /** A profile was deleted: whatever was kept for it (SDK clients, cached rows) can go. */
  'profile:deleted': { profileId: string };
  /** A request to the cloud is about to be sent (attempt 1) or sent again (2, 3, …). */
  'cloud:attempt': { profileId: string; action: string; attempt: number };
  /**
   * A sync run reached a final state and is announced, exactly once (the watcher for cloud runs,
   * "Sync now" for runs on this computer). The notification centre turns it into `sync:finished`.
   */
  'run:finished': { run: SyncRun; failedByStatus: Record<string, number> };
}

/** Every event of the hub: the contract's (pushed to every window) and main's own. */
export type HubEvents = { [E in EventName]: PayloadOf<E> } & MainEvents;
export type HubEvent = keyof HubEvents;

/** A contract event as the transports forward it, the name and its payload kept together. */
export type WindowEvent = { [E in EventName]: { event: E; payload: PayloadOf<E> } }[EventName];

type Listener<E extends HubEvent> = (payload: HubEvents[E]) => void;

/**
 * Push events from services to the rest of main and to every connected window, whatever the
 * transport. A listener that throws is reported and skipped: it never fails the service that
 * emitted (which has already done its work) nor keeps the others from hearing the event.
 */
export class EventHub {
  constructor(private readonly onListenerError: (event: string, error: unknown) => void = () => undefined) {}

  // Each set holds listeners of the event it is keyed by; `on` and `emit` keep that pairing.
  readonly #listeners = new Map<HubEvent, Set<(payload: never) => void>>();
  readonly #windows = new Set<(message: WindowEvent) => void>();
  emit<E extends HubEvent>(event: E, payload: HubEvents[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      this.#safely(event, () => (listener as Listener<E>)(payload));
    }
    if (isEventName(event)) {
      // isEventName narrowed the name; the payload is the one `emit` was typed with for that name.
      const message = { event, payload } as WindowEvent;
      for (const forward of this.#windows) this.#safely(event, () => forward(message));
    }
  }

  /** Listens to one event, with its payload typed. Returns the unsubscribe. */
  on<E extends HubEvent>(event: E, listener: Listener<E>): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  #safely(event: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.onListenerError(event, error);
    }
  }

  /** Every contract event, for a transport that forwards them to its windows. */
  forwardToWindows(forward: (message: WindowEvent) => void): () => void {
    this.#windows.add(forward);
    return () => this.#windows.delete(forward);
  }
}
