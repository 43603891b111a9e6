import { ApiError } from '../api-error.js';
import { regionByName } from '../regions.js';
import type { z } from 'zod';
import { schemas, type ActionName, type ParamsOf } from '../schemas.js';
import { parseParameters } from '../validation.js';
import type { ActionContext, ActionHandler, ActionHandlers, ActionReply } from './context.js';
import { contentActions } from './content.js';
import { executionActions } from './executions.js';
import { immutableActions } from './immutable.js';
import { instanceActions } from './instances.js';
import { ruleActions } from './rules.js';
import { stsActions } from './sts.js';
import { tokenActions } from './tokens.js';

type BoundAction = (raw: unknown, context: ActionContext) => ActionReply | Promise<ActionReply>;

interface ApiVersion {
  /** The service the version belongs to: the one a request's credential scope must name. */
  service: 'tcr' | 'sts';
  /** Regional services need X-TC-Region; STS is global. */
  regional: boolean;
  actions: Map<string, BoundAction>;
}

function bind<A extends ActionName>(action: A, handler: ActionHandler<A>): BoundAction {
  // TypeScript cannot correlate schemas[A] with ParamsOf<A> for a generic A; they are the same type.
  const schema = schemas[action] as unknown as z.ZodType<ParamsOf<A>>;
  return (raw, context) => handler(parseParameters(schema, raw), context);
}

function table<A extends ActionName>(handlers: ActionHandlers<A>): Map<string, BoundAction> {
  const actions = new Map<string, BoundAction>();
  for (const action of Object.keys(handlers) as A[]) actions.set(action, bind(action, handlers[action]));
  return actions;
}

/** Dispatch is by X-TC-Version: TCR 2019-09-24 and STS 2018-08-13 share one endpoint here. */
const versions: Record<string, ApiVersion> = {
  '2019-09-24': {
    service: 'tcr',
    regional: true,
    actions: table({
      ...instanceActions,
      ...contentActions,
      ...tokenActions,
      ...ruleActions,
      ...executionActions,
      ...immutableActions,
    }),
  },
  '2018-08-13': { service: 'sts', regional: false, actions: table(stsActions) },
};

/** Regionless actions of regional services. */
const REGIONLESS = new Set(['DescribeRegions']);

/** Finds the action or answers as the cloud does for one it does not have. */
export function lookupAction(
  version: string,
  action: string,
): { run: BoundAction; service: ApiVersion['service']; regional: boolean } {
  const api = Object.hasOwn(versions, version) ? versions[version] : undefined;
  const run = api?.actions.get(action);
  if (!api || !run) {
    throw new ApiError('InvalidAction', `The action ${action} (version ${version || 'unset'}) does not exist.`);
  }
  return { run, service: api.service, regional: api.regional && !REGIONLESS.has(action) };
}

export function checkRegion(region: string | undefined): string {
  if (!region) throw new ApiError('MissingParameter', 'The request is missing a required parameter `Region`.');
  if (!regionByName(region)) throw new ApiError('UnsupportedRegion', `The region ${region} is not supported.`);
  return region;
}
