import type { ReplicationEngine } from '../replication-engine.js';
import type { ActionName, ParamsOf } from '../schemas.js';
import type { SandboxState } from '../state.js';
import type { SandboxAccount } from '../types.js';

/** Everything an action sees: the world, the verified caller and the region the call went to. */
export interface ActionContext {
  state: SandboxState;
  engine: ReplicationEngine;
  account: SandboxAccount;
  /** X-TC-Region; regional actions only see instances there. */
  region: string;
  now: number;
}

export type ActionReply = Record<string, unknown>;
/** A promise only where the answer is read from elsewhere (an instance backed by a real registry). */
export type ActionHandler<A extends ActionName> = (
  params: ParamsOf<A>,
  context: ActionContext,
) => ActionReply | Promise<ActionReply>;
export type ActionHandlers<A extends ActionName> = { [K in A]: ActionHandler<K> };
