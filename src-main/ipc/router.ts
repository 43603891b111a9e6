import type { z } from 'zod';
import {
  channels,
  isChannel,
  type AppError,
  type Channel,
  type OutputOf,
  type ParsedInputOf,
  type Result,
} from '../contract/index.js';
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
  handle(channel: unknown, input: unknown, sender: Sender): Promise<Result<unknown>>;
}

/** zod issues → `{field: messageKey}`, first issue per field wins. */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '_';
    const key = /^[a-zA-Z]+\.[a-zA-Z]+$/.test(issue.message) ? issue.message : 'input.invalid';
    fields[field] ??= key;
  }
  return fields;
}

function fail(error: AppError): Result<never> {
  return { ok: false, error };
}

export function createRouter(handlers: Handlers, options: RouterOptions): Router {
  return {
    async handle(channel, input, sender) {
      if (!options.isTrustedSender(sender)) {
        return fail({ code: 'FORBIDDEN', message: 'Request from an untrusted page refused' });
      }
      if (!isChannel(channel)) {
        return fail({ code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${String(channel)}` });
      }
      const parsed = channels[channel].input.safeParse(input);
      if (!parsed.success) {
        const fields = issuesToFields(parsed.error.issues);
        return fail(new UserFacingError('VALIDATION', 'Invalid input', fields).toAppError());
      }
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      try {
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        if (error instanceof UserFacingError) return fail(error.toAppError());
        options.onInternalError?.(channel, error);
        return fail({ code: 'INTERNAL', message: 'Something went wrong inside the app' });
      }
    },
  };
}
