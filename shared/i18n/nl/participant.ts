/** Strings of the participant's phone (join form, lobby, group dialogue). Owned by the participant UI. */
export const nlParticipant = {
  // App shell (index page, routing): kept here because the shell ships with the participant page.
  'participant.shell.skip': 'Naar de inhoud',
  'participant.shell.notFoundTitle': 'Deze pagina bestaat niet',
  'participant.shell.notFoundText': 'Controleer het adres, of ga naar de startpagina.',
  'participant.shell.home': 'Naar de startpagina',
  'participant.shell.loadFailed': 'De pagina kon niet laden. Controleer je internet en probeer het opnieuw.',
  'participant.shell.reload': 'Opnieuw laden',

  // Waiting to be let in ("deelnemers toelaten")
  'participant.waiting': 'Even wachten: de begeleider laat je zo binnen.',

  // Join
  'join.title': 'Doe mee',
  'join.intro': 'Vul je gegevens in. Je groep ziet je naam, rol en organisatie.',
  'join.session': 'Sessie: {title}',
  'join.code': 'Code',
  'join.codeHint': 'De 6 tekens op het scherm, bijvoorbeeld K7M2QX.',
  'join.name': 'Naam',
  'join.role': 'Rol',
  'join.role.opdrachtgever': 'Opdrachtgever',
  'join.role.opdrachtgeverHint': 'Bijvoorbeeld gemeente: bestuur, directie of beleid.',
  'join.role.opdrachtnemer': 'Opdrachtnemer',
  'join.role.opdrachtnemerHint': 'Bijvoorbeeld de organisatie van het lokale team.',
  'join.role.anders': 'Anders',
  'join.organisation': 'Organisatie',
  'join.optional': '(mag leeg blijven)',
  'join.submit': 'Meedoen',
  'join.busy': 'Even geduld…',
  'join.errorSummary': 'Controleer het formulier:',
  'join.error.codeRequired': 'Vul de code in.',
  'join.error.codeFormat': 'Een code heeft 6 tekens: cijfers en letters.',
  'join.error.nameRequired': 'Vul je naam in.',
  'join.error.roleRequired': 'Kies je rol.',
  'join.error.noConnection': 'Geen verbinding met de server. Controleer je internet en probeer het opnieuw.',
  'join.changeCode': 'Andere code invullen',
  'join.checking': 'Code controleren…',
  'join.resuming': 'Je gaat verder waar je was…',
  'join.ended.title': 'Deze sessie is afgelopen',
  'join.ended.text': 'Meedoen kan niet meer. Bedankt voor je belangstelling. Je kunt deze pagina sluiten.',

  // Connection
  'participant.conn.label': 'Verbinding',

  // Session steps
  'participant.waitingForState': 'Gegevens ophalen…',
  'participant.slide.lookAtScreen': 'Kijk mee op het scherm.',
  'participant.lobby.title': 'Je bent binnen',
  'participant.lobby.wait': 'Wacht even. De begeleider begint zo en deelt de groepen in.',
  'participant.lobby.you': 'Je doet mee als {name}.',
  'participant.group.title': 'Je zit in groep {number}',
  'participant.group.short': 'Groep {number}',
  'participant.group.announce': 'Je zit in groep {number}.',
  'participant.group.members': 'In je groep',
  'participant.group.you': '{name} (jij)',
  'participant.group.alone': 'Er zit nog niemand anders in je groep.',
  'participant.group.none': 'Je zit nog niet in een groep. De begeleider deelt je zo in.',
  'participant.group.findTable': 'Zoek je groep op. Stel je kort voor aan elkaar.',
  'participant.step.topic': 'Kenmerk {number} van {total}',
  'participant.step.announceTopic': 'Nu: kenmerk {number} van {total}, {title}.',
  'participant.role.opdrachtgever': 'opdrachtgever',
  'participant.role.opdrachtnemer': 'opdrachtnemer',
  'participant.role.anders': 'anders',

  // Timer

  // Answers
  'participant.answer.formerMember': 'Oud-groepslid',

  // Ratings

  // Takeaway
  'participant.takeaway.title': 'Wat neem je mee?',

  // Feedback, closing, ended
  'participant.feedback.title': 'Terugkoppeling',
  'participant.closing.title': 'Bedankt voor je bijdrage!',

  // Errors and notices
  'participant.error.conflict': 'Dit kan nu niet. Kijk of er intussen iets is veranderd.',
  'participant.error.dismiss': 'Melding sluiten',
  'participant.error.restored': 'Je tekst staat weer in het vak.',
  'participant.removed.rejoin': 'Wil je opnieuw meedoen? Vul het formulier in.',
} as const;
