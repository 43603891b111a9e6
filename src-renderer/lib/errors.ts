import type { AppError } from '../../src-main/contract/index.js';
import { cloudErrorText } from './cloud-errors.js';
import { i18n } from './i18n/i18n.svelte.js';

/** The user-facing text of an error envelope, in the UI language. */
export function errorText(error: AppError): string {
  if (error.cloud) return cloudErrorText(error.cloud);
  const text = i18n.tError(error.code, error.message);
  return error.requestId
    ? i18n.t('common.aside', { text, aside: i18n.t('cloud.requestId', { id: error.requestId }) })
    : text;
}
