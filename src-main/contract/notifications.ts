import { z } from 'zod';
import { none, typed } from './result.js';
import type { SyncRun } from './runs.js';

/**
 * One finished sync run as the notification centre holds it: announced exactly once (also across
 * restarts and for a run that finished while the app was closed), one entry per run however many
 * artifacts it had.
 */
export interface RunNotice {
  /** The run's key (`SyncRun.key`). */
  id: string;
  /** When it was announced (ISO). */
  at: string;
  /** The run in its final state. */
  run: SyncRun;
  /** endedAt − startedAt, in milliseconds. */
  durationMs: number;
  /** Tasks that did not succeed, counted by status (e.g. `{ Failed: 2, Stopped: 1 }`); {} when none. */
  failedByStatus: Record<string, number>;
  /** The run did not fully succeed (status other than Succeed, or succeeded < total). */
  failed: boolean;
  read: boolean;
  /**
   * Whether the user was told at once (a desktop / in-app notification): false when the settings
   * silenced it (notify only on failures, never, the rule muted, do not disturb). It is in the
   * history either way.
   */
  raised: boolean;
}

/** The tray icon: `failed` while an unread run failed, else `running` while a run is in progress. */
export type TrayState = 'idle' | 'running' | 'failed';

/** The notification centre's model: what the tray, native notifications and the renderer display. */
export interface NotificationsView {
  /** Newest first, at most 200. */
  entries: RunNotice[];
  unread: number;
  tray: TrayState;
  /** Runs in progress the watcher sees right now. */
  running: number;
}

/** Where the app should show itself, when a tray entry or a notification is clicked. */
export interface NavigateRequest {
  route: 'runs';
  /** The run to open (its tasks), by `SyncRun.key`. */
  runKey?: string;
}

/** `ids` absent: every entry. */
export const notificationsMarkReadSchema = z.strictObject({
  ids: z.array(z.string().min(1).max(300)).max(1000).optional(),
});

/** Mutes (or unmutes) the notifications of one rule: `<profileId>/<registryId>/<ruleId>`. */
export const notificationsMuteSchema = z.strictObject({
  profileId: z.uuid({ error: 'id.invalid' }),
  registryId: z.string().min(1).max(64),
  ruleId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  muted: z.boolean(),
});
export type NotificationsMute = z.input<typeof notificationsMuteSchema>;

export const notificationChannels = {
  'notifications:list': { input: none, output: typed<NotificationsView>() },
  'notifications:markRead': { input: notificationsMarkReadSchema, output: typed<NotificationsView>() },
  /** Empties the history (runs already announced stay announced: they never come back). */
  'notifications:clear': { input: none, output: typed<NotificationsView>() },
  /** Adds or removes the rule in the `mutedRules` setting, atomically (answers the settings' list). */
  'notifications:mute': { input: notificationsMuteSchema, output: typed<string[]>() },
} as const;

export const notificationEvents = {
  /** A run reached a final state and was announced (once). Main listens too. */
  'sync:finished': typed<RunNotice>(),
  'notifications:changed': typed<NotificationsView>(),
  /** The user clicked a tray entry or a desktop notification: show this. */
  'app:navigate': typed<NavigateRequest>(),
} as const;
