import type { ConnectionService } from '../../services/connection/connection-service.js';
import type { ProfileService } from '../../services/profiles/profile-service.js';
import type { TccliService } from '../../services/profiles/tccli-service.js';
import type { HandlersOf } from './handlers-of.js';

export interface ProfileHandlerDeps {
  profiles: ProfileService;
  tccli: TccliService;
  connection: ConnectionService;
}

/** Account profiles: the list, edits, import from tccli and Test connection. */
export function profileHandlers({ profiles, tccli, connection }: ProfileHandlerDeps): HandlersOf<'profiles' | 'tccli'> {
  return {
    'profiles:list': async () => profiles.list(),
    'profiles:check': async (draft) => profiles.check(draft),
    'profiles:create': async (input) => profiles.create(input),
    'profiles:update': async (input) => profiles.update(input),
    'profiles:delete': async ({ id }) => {
      await profiles.delete(id);
      return null;
    },
    'profiles:test': async ({ id }) => connection.test(id),
    'profiles:cancelTest': async ({ id }) => {
      connection.cancel(id);
      return null;
    },
    'tccli:scan': async () => tccli.scan(),
    'tccli:import': async ({ names }) => tccli.import(names),
    'tccli:deletePlaintext': async ({ name }) => {
      await tccli.deletePlaintext(name);
      return null;
    },
  };
}
