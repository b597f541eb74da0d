/**
 * The Dutch dictionary: the default language and the reference for every other one.
 * Plain language (B1): short sentences, everyday words. Every user-facing string of the
 * app lives here; `{name}` placeholders are filled by `t()`.
 */
import { nlCommon } from './nl/common.ts';
import { nlParticipant } from './nl/participant.ts';
import { nlOperator } from './nl/operator.ts';

export const nl = {
  ...nlCommon,
  ...nlParticipant,
  ...nlOperator,
  // Errors (ack.key)
  'error.invalid': 'Dit klopt niet helemaal: {detail}',
  'error.unauthorized': 'Je bent niet (meer) aangemeld voor deze sessie.',
  'error.forbidden': 'Dat mag alleen de begeleider.',
  'error.notFound': 'Dat bestaat niet (meer).',
  'error.codeNotFound': 'Deze code kennen we niet. Kijk nog eens goed naar het scherm.',
  'error.sessionNotFound': 'Deze sessie bestaat niet (meer).',
  'error.locked': 'Deze sessie is gesloten voor nieuwe deelnemers. Vraag de begeleider.',
  'error.full': 'Deze sessie is vol.',
  'error.ended': 'Deze sessie is afgelopen.',
  'error.rateLimited': 'Even rustig aan. Probeer het later opnieuw.',
  'error.tooManyCodes': 'Te vaak een verkeerde code. Probeer het later opnieuw.',
  'error.internal': 'Er ging iets mis bij ons. Probeer het opnieuw.',
  'error.removed': 'De begeleider heeft je uit de sessie gehaald.',
  'error.blocked': 'Je kunt niet opnieuw meedoen in deze sessie.',
  'error.noGroup': 'Je zit nog niet in een groep.',
  'error.noGroups': 'Maak eerst groepen.',
  'error.noParticipants': 'Er zijn nog geen deelnemers.',
  'error.unknownTopic': 'Dit kenmerk bestaat niet in deze sessie.',
  'error.unknownQuestion': 'Deze vraag bestaat niet in deze sessie.',
  'error.unknownGroup': 'Deze groep bestaat niet.',
  'error.unknownParticipant': 'Deze deelnemer bestaat niet.',
  'error.unknownAnswer': 'Dit antwoord bestaat niet (meer).',
  'error.notYourAnswer': 'Je kunt alleen je eigen antwoorden aanpassen.',
  'error.answerIdTaken': 'Dit antwoord bestaat al.',
  'error.takeawayConflict': 'Iemand uit je groep heeft dit net aangepast. Jouw tekst staat er nog; voeg ze samen en sla opnieuw op.',
  'error.dialogueStarted': 'Dit kan niet meer: de groepen hebben al geschreven. Verplaats mensen één voor één.',
  'error.contentLocked': 'De inhoud kan niet meer veranderen: de dialoog is al begonnen.',
  'error.badStep': 'Deze stap bestaat niet.',
  'error.unknownEvent': 'Onbekend bericht.',
} as const;

export type Dictionary = { readonly [K in keyof typeof nl]: string };
