import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error.js';
import {
  attachRegistryInputSchema,
  deleteInputSchema,
  deleteInstanceSchema,
  pushInputSchema,
  runRuleInputSchema,
} from './control-schemas.js';
import { faultRulesSchema, type FaultBook } from './faults.js';
import { attachRegistry } from './registry-attach.js';
import type { ReplicationEngine } from './replication-engine.js';
import { replicationFaultSchema } from './replication-faults.js';
import type { SandboxState } from './state.js';
import { parseParameters } from './validation.js';

export const CONTROL_PREFIX = '/__sandbox/';

export interface ControlDeps {
  state: SandboxState;
  engine: ReplicationEngine;
  faults: FaultBook;
  now: () => number;
}

export interface ControlReply {
  status: number;
  body: unknown;
}

const LOOPBACK = new Set(['127.0.0.1', '::ffff:127.0.0.1']);

/**
 * The control endpoints need no signature, so they only take requests from this computer and
 * never from a web page (a browser always sends Origin on a cross-site POST).
 */
function refusal(request: IncomingMessage): ControlReply | undefined {
  if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
    return { status: 403, body: { error: { code: 'Forbidden', message: 'Control endpoints are local only.' } } };
  }
  if (request.headers.origin !== undefined) {
    return {
      status: 403,
      body: { error: { code: 'Forbidden', message: 'Control endpoints refuse browser requests.' } },
    };
  }
  if (request.method !== 'POST') {
    return { status: 405, body: { error: { code: 'MethodNotAllowed', message: 'Use POST with a JSON body.' } } };
  }
  return undefined;
}

async function run(path: string, input: unknown, deps: ControlDeps): Promise<unknown> {
  switch (path) {
    case 'attach-registry':
      return attachRegistry(deps.state, parseParameters(attachRegistryInputSchema, input), deps.now);
    case 'push':
      return deps.engine.push(parseParameters(pushInputSchema, input));
    case 'delete':
      return deps.engine.delete(parseParameters(deleteInputSchema, input));
    case 'faults': {
      const rules = parseParameters(faultRulesSchema, input);
      deps.faults.set(rules);
      return { faults: rules.length };
    }
    case 'fail-replication': {
      const fault = parseParameters(replicationFaultSchema, input);
      return { pending: deps.engine.failReplication(fault) };
    }
    case 'run-rule':
      return deps.engine.runRule(parseParameters(runRuleInputSchema, input));
    case 'delete-instance': {
      const { registryId } = parseParameters(deleteInstanceSchema, input);
      if (!deps.state.removeInstance(registryId))
        throw new ApiError('ResourceNotFound', `Instance ${registryId} does not exist`);
      return { deleted: true };
    }
    default:
      throw new ApiError('NotFound', `No control endpoint ${CONTROL_PREFIX}${path}.`);
  }
}

/** `POST /__sandbox/{push,delete,faults,fail-replication,run-rule,delete-instance,attach-registry}` with a JSON body. */
export async function handleControl(
  request: IncomingMessage,
  path: string,
  body: Buffer,
  deps: ControlDeps,
): Promise<ControlReply> {
  const refused = refusal(request);
  if (refused) return refused;
  try {
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      throw new ApiError('InvalidParameter', 'The body must be JSON.');
    }
    return { status: 200, body: await run(path, input, deps) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return {
      status: error.code === 'NotFound' ? 404 : 400,
      body: { error: { code: error.code, message: error.message } },
    };
  }
}
