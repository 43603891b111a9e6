import {
  channels,
  isChannel,
  type AppError,
  type Channel,
  type InputOf,
  type OutputOf,
  type ParsedInputOf,
  type Result,
  type ResultOf,
} from '../contract/index.js';
import { issuesToFields } from '../services/shared/field-issues.js';
import { UserFacingError } from '../services/shared/user-facing-error.js';

export type Handlers = { [C in Channel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>> };

/** Who sent a request, as the transport saw it. */
export interface Sender {
  /** `app://app` for the Electron window, `http://127.0.0.1:<port>` for the browser host. */
  origin: string;
}

export interface RouterOptions {
  isTrustedSender: (sender: Sender) => boolean;
  /** Told about failures that are bugs rather than user errors; never given input values. */
  onInternalError?: (channel: string, error: unknown) => void;
}

export interface Router {
  /** A request as a transport received it: nothing about it is trusted yet. */
  handle(channel: unknown, input: unknown, sender: Sender): Promise<Result<unknown>>;
  /** The same, typed from the contract: for main's own callers (the shell) and tests. */
  call<C extends Channel>(channel: C, input: InputOf<C>, sender: Sender): Promise<ResultOf<C>>;
}

/** A channel name as a message may quote it: never by walking a value a client made up. */
function nameOf(channel: unknown): string {
  return typeof channel === 'string' ? JSON.stringify(channel.slice(0, 100)) : `(a ${typeof channel})`;
}

function fail(error: AppError): Result<never> {
  return { ok: false, error };
}

export function createRouter(handlers: Handlers, options: RouterOptions): Router {
  /** Never rejects: whatever a client sends, it gets an envelope back. */
  async function handle(channel: unknown, input: unknown, sender: Sender): Promise<Result<unknown>> {
    try {
      return await route(channel, input, sender);
    } catch (error) {
      options.onInternalError?.(isChannel(channel) ? channel : 'router', error);
      return fail({ code: 'INTERNAL', message: 'Something went wrong inside the app' });
    }
  }

  async function route(channel: unknown, input: unknown, sender: Sender): Promise<Result<unknown>> {
    if (!options.isTrustedSender(sender)) {
      return fail({ code: 'FORBIDDEN', message: 'Request from an untrusted page refused' });
    }
    if (!isChannel(channel)) {
      return fail({ code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${nameOf(channel)}` });
    }
    const parsed = channels[channel].input.safeParse(input);
    if (!parsed.success) {
      const fields = issuesToFields(parsed.error.issues);
      return fail(new UserFacingError('VALIDATION', 'Invalid input', fields).toAppError());
    }
    // The table is typed per channel; looked up by a runtime name, TypeScript sees a union of handlers.
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    try {
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof UserFacingError) return fail(error.toAppError());
      options.onInternalError?.(channel, error);
      return fail({ code: 'INTERNAL', message: 'Something went wrong inside the app' });
    }
  }
  return {
    handle,
    // A validated request to C is answered by C's handler: its value is OutputOf<C>.
    call: (channel, input, sender) => handle(channel, input, sender) as Promise<ResultOf<typeof channel>>,
  };
}
