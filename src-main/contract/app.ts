import { z } from 'zod';
import { none, typed } from './result.js';
import type { ProfileColour, RegionId } from './profiles.js';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

export const settingsSchema = z.object({
  /** `system` follows the OS locale. */
  language: z.enum(['system', ...languages], { error: 'language.invalid' }),
  /** How long a keychain call may wait (e.g. on an unanswered unlock prompt) before it fails. */
  keychainTimeoutSeconds: z
    .number({ error: 'keychainTimeout.invalid' })
    .int({ error: 'keychainTimeout.invalid' })
    .min(2, { error: 'keychainTimeout.range' })
    .max(600, { error: 'keychainTimeout.range' }),
  /** Which finished sync runs raise a notification (every run is in the history either way). */
  notifyOn: z.enum(['all', 'failures', 'never'], { error: 'notifyOn.invalid' }),
  /** No notification is raised until then (ISO); '' = not set. */
  doNotDisturbUntil: z.union([z.literal(''), z.iso.datetime({ offset: true, error: 'doNotDisturb.invalid' })]),
  /** Rules whose runs raise no notification: `<profileId>/<registryId>/<ruleId>` (notifications:mute). */
  mutedRules: z.array(z.string().min(1).max(300)).max(1000),
  /** How often the watcher asks an instance with no run in progress. */
  watchIdleSeconds: z
    .number({ error: 'watchIdle.invalid' })
    .int({ error: 'watchIdle.invalid' })
    .min(60, { error: 'watchIdle.range' })
    .max(3600, { error: 'watchIdle.range' }),
  /** How often it asks an instance while one of its runs is in progress. */
  watchActiveSeconds: z
    .number({ error: 'watchActive.invalid' })
    .int({ error: 'watchActive.invalid' })
    .min(5, { error: 'watchActive.range' })
    .max(300, { error: 'watchActive.range' }),
  /** The app lives in the tray: closing the window keeps it watching. Off: closing quits. */
  tray: z.boolean(),
  /** Start with the window hidden in the tray (desktop app; needs `tray`). */
  startMinimised: z.boolean(),
  /** Start when the user logs in (desktop app). */
  startAtLogin: z.boolean(),
  /** The "still running in the tray" notice was shown (it is said once). */
  trayNoticeShown: z.boolean(),
  /**
   * Sync now's bandwidth cap for the whole app (every run and transfer together, not each
   * worker), in megabits per second; 0 = no cap.
   */
  bandwidthCapMbps: z
    .number({ error: 'bandwidthCap.invalid' })
    .min(0, { error: 'bandwidthCap.range' })
    .max(100_000, { error: 'bandwidthCap.range' }),
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatchSchema = settingsSchema.partial();

/**
 * `ok`: the keychain answered the start-up probe. `unavailable`: no keychain service (e.g. no
 * Secret Service on Linux). `locked`: it is there but locked or refused. `checking`: the probe
 * has not finished yet.
 */
export type KeychainState = 'checking' | 'ok' | 'unavailable' | 'locked';

export interface KeychainStatus {
  state: KeychainState;
  /** The keychain's own words, for the banner's details. */
  detail?: string;
  checkedAt?: string;
}

/** A keychain call that has been waiting long enough for the user to be told (e.g. a prompt). */
export interface KeychainWait {
  waiting: boolean;
  operation?: 'probe' | 'save' | 'read' | 'delete';
  since?: string;
  timeoutSeconds?: number;
}

/** An alert about stored data the user must hear about, e.g. a corrupt profiles file set aside. */
export interface StoreAlert {
  kind: 'profiles-corrupt' | 'settings-corrupt';
  keptAs: string;
  at: string;
}

export interface AppInfo {
  version: string;
  /** The OS locale resolved to a language the app ships. */
  systemLanguage: Language;
  host: 'electron' | 'browser';
  userDataDir: string;
  /** Choices for profile forms; the renderer cannot import the contract's runtime lists. */
  regions: RegionId[];
  colours: ProfileColour[];
  /** The cloud's TCR API endpoint, what a new profile's endpoint starts as. */
  defaultEndpoint: string;
}

/** The app itself: what it is, its alerts about stored data, its settings and the keychain. */
export const appChannels = {
  'app:info': { input: none, output: typed<AppInfo>() },
  'app:alerts': { input: none, output: typed<StoreAlert[]>() },
  'app:dismissAlert': { input: z.object({ keptAs: z.string().max(4096) }), output: typed<null>() },
  'settings:get': { input: none, output: typed<Settings>() },
  'settings:update': { input: settingsPatchSchema, output: typed<Settings>() },
  'keychain:status': { input: none, output: typed<KeychainStatus>() },
  'keychain:recheck': { input: none, output: typed<KeychainStatus>() },
  'keychain:wait': { input: none, output: typed<KeychainWait>() },
  'keychain:cancel': { input: none, output: typed<null>() },
} as const;

export const appEvents = {
  'keychain:status': typed<KeychainStatus>(),
  'keychain:wait': typed<KeychainWait>(),
  'settings:changed': typed<Settings>(),
  'app:alerts': typed<StoreAlert[]>(),
} as const;
