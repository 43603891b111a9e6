import type { Channel, EventName, InputOf, OutputOf, PayloadOf } from '../../../src-main/contract/index.js';
import { api } from '../api.js';

/** Something the app loads at start (and after a reconnect) and keeps current from events. */
export interface Syncable {
  load(): Promise<void>;
  /** Subscribes; returns the unsubscribe. */
  listen(): () => void;
}

/** Channels that take no input, i.e. that read a state. */
export type ReadChannel = { [C in Channel]: undefined extends InputOf<C> ? C : never }[Channel];

/** Events whose payload can stand in for a channel's reply (the same state, pushed). */
export type EventFor<T> = { [E in EventName]: [PayloadOf<E>] extends [T] ? E : never }[EventName];

export interface SyncedOptions<T> {
  /** Called with every new value, loaded or pushed (e.g. to apply the UI language). */
  onChange?: (value: T) => void;
}

/**
 * One piece of main's state mirrored in the renderer: `load()` reads it through `channel`,
 * `listen()` follows `event` (absent for state that never changes while the app runs). The last
 * message to arrive wins: main sends on one ordered connection, so it is the newest.
 */
export class Synced<C extends ReadChannel, I = OutputOf<C>> implements Syncable {
  value = $state() as OutputOf<C> | I;
  /** The first load has answered (even with an error) or an event has arrived. */
  loaded = $state(false);
  readonly #channel: C;
  readonly #event: EventFor<OutputOf<C>> | undefined;
  readonly #onChange: ((value: OutputOf<C> | I) => void) | undefined;

  constructor(
    channel: C,
    event: EventFor<OutputOf<C>> | undefined,
    initial: OutputOf<C> | NoInfer<I>,
    options: SyncedOptions<OutputOf<C> | I> = {},
  ) {
    this.value = initial;
    this.#channel = channel;
    this.#event = event;
    this.#onChange = options.onChange;
  }

  /** Stores a value that came another way, e.g. the reply of a request that changed the state. */
  set(value: OutputOf<C>): void {
    this.value = value;
    this.loaded = true;
    this.#onChange?.(value);
  }

  async load(): Promise<void> {
    const result = await api.invoke<C>(this.#channel, undefined as InputOf<C>);
    if (result.ok) this.set(result.value);
    else this.loaded = true;
  }

  listen(): () => void {
    const event = this.#event;
    if (!event) return () => undefined;
    // Every event in EventFor<OutputOf<C>> carries an OutputOf<C>; TypeScript cannot see it
    // through the generic event name.
    return api.on(event, (payload) => this.set(payload as OutputOf<C>));
  }
}

/**
 * `synced('profiles:list', 'profiles:changed', [])`: see {@link Synced}. The value's type is the
 * channel's reply; give `I` to start from something else, e.g. `synced<'app:info', undefined>(…)`.
 */
export function synced<C extends ReadChannel, I = OutputOf<C>>(
  channel: C,
  event: EventFor<OutputOf<C>> | undefined,
  initial: OutputOf<C> | NoInfer<I>,
  options?: SyncedOptions<OutputOf<C> | I>,
): Synced<C, I> {
  return new Synced(channel, event, initial, options);
}

/** Loads all at once; resolves when every one has answered. */
export async function loadAll(list: readonly Syncable[]): Promise<void> {
  await Promise.all(list.map((s) => s.load()));
}

/** Listens to all; the returned function stops them all. */
export function listenAll(list: readonly Syncable[]): () => void {
  const stops = list.map((s) => s.listen());
  return () => {
    for (const stop of stops) stop();
  };
}
