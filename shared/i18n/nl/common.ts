/** Strings shared by every page (app name, connection state, generic buttons, language choice). */
export const nlCommon = {
  'app.name': 'Samenspraak',
  'common.loading': 'Even laden…',
  'common.save': 'Opslaan',
  'common.saved': 'Opgeslagen.',
  'common.cancel': 'Annuleren',
  'common.close': 'Sluiten',
  'common.accessibilityStatement': 'Toegankelijkheidsverklaring',
  'conn.connected': 'Verbonden',
  'conn.connecting': 'Verbinden…',
  'conn.reconnecting': 'Opnieuw verbinden…',
  'conn.offline': 'Offline',
  'conn.pending': '{count} nog niet verzonden',

  // Language names are written in their own language (and marked with lang="…" where shown).
  'language.name.nl': 'Nederlands',
  'language.name.en': 'English',
  /** Spoken before the name of the other language on the phone's language button. */
  'language.switch': 'Taal wijzigen:',
} as const;
