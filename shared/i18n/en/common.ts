/** English for shared/i18n/nl/common.ts. */
import type { Exact, TranslationOf } from '../check.ts';
import type { nlCommon } from '../nl/common.ts';

export const enCommon = {
  'app.name': 'Samenspraak',
  'common.loading': 'Loading…',
  'common.save': 'Save',
  'common.saved': 'Saved.',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.accessibilityStatement': 'Accessibility statement',
  'conn.connected': 'Connected',
  'conn.connecting': 'Connecting…',
  'conn.reconnecting': 'Reconnecting…',
  'conn.offline': 'Offline',
  'conn.pending': '{count} not sent yet',

  'language.name.nl': 'Nederlands',
  'language.name.en': 'English',
  'language.switch': 'Change language:',
} as const satisfies TranslationOf<typeof nlCommon>;

type _Exact = Exact<typeof enCommon, typeof nlCommon>;
