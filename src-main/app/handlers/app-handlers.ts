import { DEFAULT_ENDPOINT, profileColours, regionIds } from '../../contract/index.js';
import { languageForLocale } from '../../domain/locale.js';
import type { AlertBoard } from '../../services/app-state/alert-board.js';
import type { KeychainService } from '../../services/app-state/keychain-service.js';
import type { SettingsService } from '../../services/app-state/settings-service.js';
import type { AppCoreOptions } from '../app-types.js';
import type { HandlersOf } from './handlers-of.js';

export interface AppHandlerDeps {
  options: Pick<AppCoreOptions, 'version' | 'systemLocale' | 'host' | 'userDataDir'>;
  alerts: AlertBoard;
  settings: SettingsService;
  keychain: KeychainService;
}

/** The app itself: what it is, its alerts, its settings and the keychain's state. */
export function appHandlers({
  options,
  alerts,
  settings,
  keychain,
}: AppHandlerDeps): HandlersOf<'app' | 'settings' | 'keychain'> {
  return {
    'app:info': async () => ({
      version: options.version,
      systemLanguage: languageForLocale(options.systemLocale),
      host: options.host,
      userDataDir: options.userDataDir,
      regions: [...regionIds],
      colours: [...profileColours],
      defaultEndpoint: DEFAULT_ENDPOINT,
    }),
    'app:alerts': async () => alerts.list(),
    'app:dismissAlert': async ({ keptAs }) => {
      await alerts.dismiss(keptAs);
      return null;
    },
    'settings:get': async () => settings.get(),
    'settings:update': async (patch) => settings.update(patch),
    'keychain:status': async () => keychain.status(),
    'keychain:recheck': async () => keychain.probe(),
    'keychain:wait': async () => keychain.waitState(),
    'keychain:cancel': async () => {
      keychain.cancel();
      return null;
    },
  };
}
