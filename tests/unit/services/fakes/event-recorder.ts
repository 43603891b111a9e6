import { eventNames } from '../../../../src-main/contract/index.js';
import type { EventHub, HubEvent, HubEvents, WindowEvent } from '../../../../src-main/services/shared/event-hub.js';

const mainOnly = ['profile:deleted'] as const satisfies readonly Exclude<HubEvent, (typeof eventNames)[number]>[];

export interface Recorded {
  event: HubEvent;
  payload: unknown;
}

/**
 * Everything a hub emits, in order, as it was at the moment it was emitted (a copy), plus what a
 * transport would have forwarded to the windows.
 */
export class EventRecorder {
  readonly all: Recorded[] = [];
  readonly toWindows: WindowEvent[] = [];
  readonly #unsubscribe: (() => void)[] = [];

  constructor(hub: EventHub) {
    for (const event of [...eventNames, ...mainOnly]) {
      this.#unsubscribe.push(hub.on(event, (payload) => this.all.push({ event, payload: structuredClone(payload) })));
    }
    this.#unsubscribe.push(hub.forwardToWindows((message) => this.toWindows.push(structuredClone(message))));
  }

  /** The payloads of one event, oldest first. */
  of<E extends HubEvent>(event: E): HubEvents[E][] {
    return this.all.filter((r) => r.event === event).map((r) => r.payload as HubEvents[E]);
  }

  last<E extends HubEvent>(event: E): HubEvents[E] | undefined {
    return this.of(event).at(-1);
  }

  /** Names of the events emitted, in order. */
  names(): HubEvent[] {
    return this.all.map((r) => r.event);
  }

  /** Every payload as one string, to search for something that must never be in one (a secret). */
  text(): string {
    return JSON.stringify([this.all, this.toWindows]);
  }

  clear(): void {
    this.all.length = 0;
    this.toWindows.length = 0;
  }

  stop(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
  }
}
