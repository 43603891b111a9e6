import type { Channel } from '../../contract/index.js';
import type { Handlers } from '../../ipc/router.js';

/** The channels of one or more domains (`profiles` → `profiles:*`), so each feature's table is checked whole. */
export type HandlersOf<D extends string> = Pick<Handlers, Extract<Channel, `${D}:${string}`>>;
