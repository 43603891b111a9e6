import type { EventName, PayloadOf } from '../../contract/index.js';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Push events from services to every connected window, whatever the transport. */
export class EventHub {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    for (const listener of this.#listeners) listener(event, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
