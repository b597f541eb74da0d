/** Strings shared by every page (app name, connection state, generic buttons). */
export const nlCommon = {
  'app.name': 'Samenspraak',
  'common.loading': 'Even laden…',
  'common.save': 'Opslaan',
  'common.cancel': 'Annuleren',
  'common.close': 'Sluiten',
  'conn.connected': 'Verbonden',
  'conn.connecting': 'Verbinden…',
  'conn.reconnecting': 'Opnieuw verbinden…',
  'conn.offline': 'Offline',
  'conn.pending': '{count} nog niet verzonden',
} as const;
