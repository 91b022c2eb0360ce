import type { ApiError } from '../api/client.js';
import { isMessageKey } from '../i18n/en.js';
import type { Translate } from '../i18n/i18n.js';

/** A refusal in the user's language when the catalog knows its code, else the server's words. */
export function errorText(t: Translate, error: ApiError): string {
  const key = `error_${error.code}`;
  return isMessageKey(key) ? t(key) : error.message;
}
