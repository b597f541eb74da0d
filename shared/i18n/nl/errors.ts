/**
 * Error messages: what an Ack's `key` names, for refusals a phone can get (so part of the base
 * dictionary). Refusals only facilitators get are in the operator part (nl/operator.ts).
 */
export const nlErrors = {
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
  'error.tooManyJoins': 'Te veel aanmeldingen vanaf dit netwerk. Probeer het over een minuut opnieuw.',
  'error.moved': 'Deze sessie draait op een andere server. Je wordt doorgestuurd.',
  'error.internal': 'Er ging iets mis bij ons. Probeer het opnieuw.',
  'error.removed': 'De begeleider heeft je uit de sessie gehaald.',
  'error.blocked': 'Je kunt niet opnieuw meedoen in deze sessie.',
  'error.noGroup': 'Je zit nog niet in een groep.',
  'error.tooManyAnswers': 'Je hebt bij deze vraag al zoveel antwoorden als kan. Pas een antwoord aan in plaats van een nieuw toe te voegen.',
  'error.unknownTopic': 'Dit kenmerk bestaat niet in deze sessie.',
  'error.unknownQuestion': 'Deze vraag bestaat niet in deze sessie.',
  'error.unknownAnswer': 'Dit antwoord bestaat niet (meer).',
  'error.notYourAnswer': 'Je kunt alleen je eigen antwoorden aanpassen.',
  'error.answerIdTaken': 'Dit antwoord bestaat al.',
  'error.unknownEvent': 'Onbekend bericht.',
  'error.answerInOldGroup': 'Dit antwoord hoort bij je vorige groep en blijft daar staan. Je kunt het niet meer aanpassen.',
  'error.badId': 'Deze id kan niet.',
} as const;
