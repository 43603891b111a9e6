import type { CloudErrorView } from '../../src-main/contract/index.js';
import { i18n } from './i18n/i18n.svelte.js';

/**
 * A cloud failure in the user's language: what to do about it where we know (keys refused,
 * missing permission, offline), else the cloud's own message; always with code and RequestId,
 * which support asks for.
 */
export function cloudErrorText(error: CloudErrorView, endpoint?: string): string {
  const action = error.action ?? '';
  let text: string;
  switch (error.kind) {
    case 'permission':
      text = i18n.t('cloud.permission', { action: action || error.code });
      break;
    case 'auth':
      text = i18n.t('cloud.auth', { code: error.code });
      break;
    case 'network':
      text = endpoint ? i18n.t('cloud.network', { endpoint }) : i18n.t('cloud.networkShort');
      break;
    case 'timeout':
      text = i18n.t('cloud.timeout');
      break;
    case 'throttled':
      text = i18n.t('cloud.throttled');
      break;
    case 'cancelled':
      return i18n.t('cloud.cancelled');
    case 'server':
      text = i18n.t('cloud.server', { code: error.code });
      break;
    default:
      // The app's own failures on the way (e.g. no keys in the keychain) have their own texts.
      text = i18n.tError(error.code, `${error.code}: ${error.message}`);
  }
  const details = [
    error.kind === 'auth' || error.kind === 'server' ? error.message : '',
    error.requestId ? i18n.t('cloud.requestId', { id: error.requestId }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return details ? i18n.t('common.aside', { text, aside: details }) : text;
}
