import type { RecentRunsView, RetryFailedInput, SyncNowStarted } from '../../contract/index.js';
import type { RunLog } from '../../services/sync-log/run-log.js';
import type { HandlersOf } from './handlers-of.js';

export interface RunHandlerDeps {
  log: RunLog;
  /** Recent runs across every rule of every profile, as the watcher knows them (never asks the cloud). */
  recent: () => RecentRunsView;
  /** Retry failed: copies again the failed artifacts of a finished run (Sync now). */
  retryFailed: (input: RetryFailedInput) => Promise<SyncNowStarted>;
}

/** The sync log (同步日志): recent runs, one rule's log a page at a time, a run's tasks. */
export function runHandlers({ log, recent, retryFailed }: RunHandlerDeps): HandlersOf<'runs'> {
  return {
    'runs:list': async (query) => (query.scope === 'recent' ? recent() : log.rulePage(query)),
    'runs:tasks': (query) => log.tasks(query),
    'runs:retryFailed': (input) => retryFailed(input),
  };
}
