/**
 * The accessibility statement (/toegankelijkheid), after the model statement of
 * digitoegankelijk.nl. Registered by the statement page itself, so phones never download it.
 * Keep it honest: update the status, the research and the limits when they change.
 */
export const nlInfo = {
  'info.pageTitle': 'Toegankelijkheidsverklaring · Samenspraak',
  'info.title': 'Toegankelijkheidsverklaring',
  'info.intro':
    'Iedereen moet mee kunnen doen aan een workshop met Samenspraak, ook mensen met een beperking. Daarom letten we bij het maken van de app op toegankelijkheid. In deze verklaring lees je hoe het daarmee staat en wat nog niet goed werkt.',
  'info.back': 'Terug',

  'info.summary.standard': 'Norm',
  'info.summary.standardValue': 'WCAG 2.1, niveau AA (Europese norm EN 301 549)',
  'info.summary.status': 'Status',
  'info.summary.statusValue': 'Voldoet gedeeltelijk',
  'info.summary.date': 'Datum van deze verklaring',
  'info.summary.dateValue': '22 november 2026',

  'info.scope.heading': 'Waar gaat deze verklaring over?',
  'info.scope.text':
    'Over Samenspraak: de app voor de groepsdialoog "Ben jij hiervan?" van de ondersteuningslijn Stevige lokale teams, en voor workshops zoals die. De verklaring gaat over alle onderdelen van de app:',
  'info.scope.phone': 'de pagina’s op je telefoon: meedoen met een code, wachten tot de groepen er zijn, het gesprek in je groep en de afsluiting;',
  'info.scope.facilitator': 'de pagina’s van de begeleider: een sessie maken en de sessie leiden;',
  'info.scope.screen': 'het scherm voor de zaal (op de beamer).',

  'info.status.heading': 'Hoe toegankelijk is Samenspraak?',
  'info.status.text':
    'Samenspraak voldoet gedeeltelijk aan de eisen. De eisen staan in de WCAG 2.1 op niveau AA. Dat is ook de Europese norm EN 301 549. Overheden in Nederland moeten aan deze eisen voldoen.',
  'info.status.why':
    'Gedeeltelijk betekent hier: we hebben nog niet alles laten onderzoeken, en een paar dingen werken nog niet voor iedereen. Die staan hieronder.',

  'info.research.heading': 'Hoe hebben we dit onderzocht?',
  'info.research.automated':
    'Bij elke testronde controleert het programma axe-core automatisch alle belangrijke schermen: meedoen, wachten op de groepen, het gesprek in de groep, de pagina van de begeleider, het scherm voor de zaal en de afsluiting. Dat gebeurt in de browser Chromium, op het formaat van een telefoon en van een beamer.',
  'info.research.manual':
    'Tests in de browser controleren ook dat je de belangrijkste stappen kunt doen met alleen een toetsenbord, en dat de tekst leesbaar blijft als je hem 2 keer zo groot maakt (200%).',
  'info.research.notYet':
    'Wat we nog niet hebben gedaan: de app testen met echte schermlezers, en de app laten keuren door een onafhankelijk bureau.',

  'info.limits.heading': 'Wat werkt nog niet goed?',
  'info.limits.screenReaders':
    'Mensen die een schermlezer gebruiken, hebben de app nog niet getest. Er kunnen dus problemen zijn die we nog niet kennen.',
  'info.limits.qr':
    'De QR-code kun je alleen gebruiken met een camera. Daarom staan de code en het adres er altijd ook als tekst bij. Die kun je zelf intypen.',
  'info.limits.screen':
    'Het scherm voor de zaal is bedoeld om samen naar te kijken. Wat je nodig hebt om mee te doen, zie je ook op je eigen telefoon: je groep, het onderwerp, de vragen en de tijd.',
  'info.limits.content':
    'De teksten van de workshop zelf (zoals de kenmerken en de vragen) blijven in de taal waarin de begeleider ze schreef. Staat de app in het Engels, dan kan een schermlezer Nederlandse teksten met een Engelse uitspraak voorlezen.',
  'info.limits.dragDrop':
    'De app gebruikt geen slepen en neerzetten. Groepen maken en mensen verplaatsen gaat met knoppen en keuzelijsten. Dat werkt ook met een toetsenbord.',

  'info.contact.heading': 'Werkt iets niet? Laat het ons weten',
  'info.contact.organiser':
    'De organisatie die de workshop houdt, is verantwoordelijk voor het gebruik van Samenspraak. Kun je iets niet gebruiken, of wil je de informatie op een andere manier krijgen? Vraag het aan de begeleider van de workshop, of neem contact op met die organisatie.',
  'info.contact.vng': 'Gaat het om een workshop van de ondersteuningslijn Stevige lokale teams van de VNG? Mail dan naar:',
  'info.contact.complaint':
    'Ben je niet tevreden met het antwoord? Dan kun je een klacht indienen bij de organisatie. Is die organisatie een overheid, dan kun je daarna ook terecht bij de Nationale ombudsman of de ombudsman van je gemeente.',

  'info.date.heading': 'Over deze verklaring',
  'info.date.text': 'Deze verklaring is gemaakt op 22 november 2026. Ze volgt de modelverklaring van digitoegankelijk.nl.',
} as const;
