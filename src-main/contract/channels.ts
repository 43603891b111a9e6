import type { z } from 'zod';
import type { Assert, Equals } from '../base/type-equality.js';
import { appChannels, appEvents } from './app.js';
import { cloudChannels, cloudEvents } from './cloud.js';
import type { Channel, EventName } from './names.js';
import { notificationChannels, notificationEvents } from './notifications.js';
import { profileChannels, profileEvents } from './profiles.js';
import { ruleEditChannels, ruleEditEvents } from './rule-edit.js';
import { ruleTokenChannels } from './rule-tokens.js';
import { ruleTransferChannels, ruleTransferEvents } from './rule-transfer.js';
import { rulePreviewChannels, rulePreviewEvents } from './rule-preview.js';
import { ruleChannels, ruleEvents } from './rules.js';
import { runChannels, runEvents } from './runs.js';
import { syncNowChannels, syncNowEvents } from './sync-now.js';
import type { Phantom, Result } from './result.js';

// Each feature declares its channels and events in its own file; this is their union.

/** Every request the renderer can make: input schema (validated in main) and output type. */
export const channels = {
  ...appChannels,
  ...profileChannels,
  ...cloudChannels,
  ...ruleChannels,
  ...ruleEditChannels,
  ...ruleTokenChannels,
  ...rulePreviewChannels,
  ...ruleTransferChannels,
  ...runChannels,
  ...notificationChannels,
  ...syncNowChannels,
} as const satisfies Record<Channel, { input: z.ZodType; output: Phantom<unknown> }>;

/** Every event main pushes to the renderer, with its payload type. */
export const events = {
  ...appEvents,
  ...profileEvents,
  ...cloudEvents,
  ...ruleEvents,
  ...ruleEditEvents,
  ...rulePreviewEvents,
  ...ruleTransferEvents,
  ...runEvents,
  ...notificationEvents,
  ...syncNowEvents,
} as const satisfies Record<EventName, Phantom<unknown>>;

// The spreads above are not checked for extra names: every channel and event is named in names.ts.
export type ChannelsAreNamed = Assert<Equals<keyof typeof channels, Channel>>;
export type EventsAreNamed = Assert<Equals<keyof typeof events, EventName>>;

export type InputOf<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<(typeof channels)[C]['input']>;
export type OutputOf<C extends Channel> = (typeof channels)[C]['output'] extends Phantom<infer T> ? T : never;
export type PayloadOf<E extends EventName> = (typeof events)[E] extends Phantom<infer T> ? T : never;
export type ResultOf<C extends Channel> = Result<OutputOf<C>>;

/** What the preload exposes on `window.tcrSync` and what the WebSocket client implements. */
export interface AppBridge {
  invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<ResultOf<C>>;
  on<E extends EventName>(event: E, handler: (payload: PayloadOf<E>) => void): () => void;
}

/** Frames of the WebSocket transport (browser host). */
export type WireRequest = { id: number; channel: string; input: unknown };
export type WireReply = { id: number; result: Result<unknown> };
export type WireEvent = { event: string; payload: unknown };
