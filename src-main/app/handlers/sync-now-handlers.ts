import type { Handlers } from '../../ipc/router.js';
import type { SyncNowService } from '../../services/sync-now/sync-now-service.js';

export interface SyncNowHandlerDeps {
  syncNow: SyncNowService;
}

/** Sync now (触发同步) on rules, the runs on this computer in progress, and Cancel. */
export function syncNowHandlers({
  syncNow,
}: SyncNowHandlerDeps): Pick<Handlers, 'rules:syncNow' | 'copy:cancel' | 'copy:list'> {
  return {
    'rules:syncNow': async (input) => syncNow.syncNow(input),
    'copy:cancel': async ({ key }) => {
      syncNow.cancel(key);
      return null;
    },
    'copy:list': async () => syncNow.view(),
  };
}
