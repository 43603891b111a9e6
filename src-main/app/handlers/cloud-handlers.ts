import type { SandboxService } from '../../services/cloud/sandbox-service.js';
import type { InstanceService } from '../../services/instances/instance-service.js';
import type { ProfileService } from '../../services/profiles/profile-service.js';
import type { HandlersOf } from './handlers-of.js';

export interface CloudHandlerDeps {
  profiles: ProfileService;
  instances: InstanceService;
  sandbox: SandboxService;
}

/** What the cloud holds: every instance of every profile, and the embedded sandbox. */
export function cloudHandlers({ profiles, instances, sandbox }: CloudHandlerDeps): HandlersOf<'instances' | 'sandbox'> {
  const sandboxUins = () => new Set(profiles.list().flatMap((p) => (p.source === 'sandbox' ? [p.uin] : [])));
  return {
    'instances:view': async () => instances.view(),
    'instances:refresh': async ({ profileIds }) => instances.refresh(profileIds),
    'instances:cancel': async () => {
      instances.cancel();
      return null;
    },
    'sandbox:status': async () => sandbox.status(sandboxUins()),
    'sandbox:addAccounts': async () => {
      const running = await sandbox.ensureRunning();
      // New profiles are fetched by the instance service as they appear (profilesChanged).
      return profiles.addSandboxAccounts(running.accounts);
    },
  };
}
