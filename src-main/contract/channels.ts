import { z } from 'zod';
import { typed, type Phantom, type Result } from './result.js';
import type { Channel, EventName } from './names.js';
import {
  profileCheckSchema,
  profileCreateSchema,
  profileUpdateSchema,
  type ProfileCheckResult,
  type ProfileView,
} from './profile.js';
import {
  settingsPatchSchema,
  type AppInfo,
  type KeychainStatus,
  type KeychainWait,
  type Settings,
  type StoreAlert,
} from './app.js';
import { instancesRefreshSchema, type ConnectionTest, type InstancesView, type SandboxStatus } from './cloud.js';
import { tccliDeleteSchema, tccliImportSchema, type TccliImported, type TccliScan } from './tccli.js';

const none = z.undefined();
const byId = z.object({ id: z.uuid({ error: 'id.invalid' }) });

/** Every request the renderer can make: input schema (validated in main) and output type. */
export const channels = {
  'app:info': { input: none, output: typed<AppInfo>() },
  'app:alerts': { input: none, output: typed<StoreAlert[]>() },
  'app:dismissAlert': { input: z.object({ keptAs: z.string().max(4096) }), output: typed<null>() },
  'settings:get': { input: none, output: typed<Settings>() },
  'settings:update': { input: settingsPatchSchema, output: typed<Settings>() },
  'keychain:status': { input: none, output: typed<KeychainStatus>() },
  'keychain:recheck': { input: none, output: typed<KeychainStatus>() },
  'keychain:wait': { input: none, output: typed<KeychainWait>() },
  'keychain:cancel': { input: none, output: typed<null>() },
  'profiles:list': { input: none, output: typed<ProfileView[]>() },
  'profiles:check': { input: profileCheckSchema, output: typed<ProfileCheckResult>() },
  'profiles:create': { input: profileCreateSchema, output: typed<ProfileView>() },
  'profiles:update': { input: profileUpdateSchema, output: typed<ProfileView>() },
  'profiles:delete': { input: byId, output: typed<null>() },
  'tccli:scan': { input: none, output: typed<TccliScan>() },
  'tccli:import': { input: tccliImportSchema, output: typed<TccliImported[]>() },
  'tccli:deletePlaintext': { input: tccliDeleteSchema, output: typed<null>() },
  'profiles:test': { input: byId, output: typed<ConnectionTest>() },
  'profiles:cancelTest': { input: byId, output: typed<null>() },
  'instances:view': { input: none, output: typed<InstancesView>() },
  'instances:refresh': { input: instancesRefreshSchema, output: typed<InstancesView>() },
  'instances:cancel': { input: none, output: typed<null>() },
  'sandbox:status': { input: none, output: typed<SandboxStatus>() },
  'sandbox:addAccounts': { input: none, output: typed<ProfileView[]>() },
} as const satisfies Record<Channel, { input: z.ZodType; output: Phantom<unknown> }>;

/** Every event main pushes to the renderer, with its payload type. */
export const events = {
  'profiles:changed': typed<ProfileView[]>(),
  'keychain:status': typed<KeychainStatus>(),
  'keychain:wait': typed<KeychainWait>(),
  'settings:changed': typed<Settings>(),
  'app:alerts': typed<StoreAlert[]>(),
  'instances:changed': typed<InstancesView>(),
} as const satisfies Record<EventName, Phantom<unknown>>;

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
