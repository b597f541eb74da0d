/** English for shared/i18n/nl/info.ts (the accessibility statement). */
import type { Exact, TranslationOf } from '../check.ts';
import type { nlInfo } from '../nl/info.ts';

export const enInfo = {
  'info.pageTitle': 'Accessibility statement · Samenspraak',
  'info.title': 'Accessibility statement',
  'info.intro':
    'Everyone should be able to take part in a workshop with Samenspraak, including people with a disability. That is why we pay attention to accessibility when we build the app. This statement tells you how accessible it is and what does not work well yet.',
  'info.back': 'Back',

  'info.summary.standard': 'Standard',
  'info.summary.standardValue': 'WCAG 2.1, level AA (European standard EN 301 549)',
  'info.summary.status': 'Status',
  'info.summary.statusValue': 'Partially compliant',
  'info.summary.date': 'Date of this statement',
  'info.summary.dateValue': '22 November 2026',

  'info.scope.heading': 'What does this statement cover?',
  'info.scope.text':
    'Samenspraak: the app for the group dialogue "Ben jij hiervan?" of the Stevige lokale teams support line (strong local teams), and for workshops like it. The statement covers every part of the app:',
  'info.scope.phone': 'the pages on your phone: joining with a code, waiting for the groups, the conversation in your group and the closing;',
  'info.scope.facilitator': 'the facilitator’s pages: creating a session and running it;',
  'info.scope.screen': 'the screen for the room (on the projector).',

  'info.status.heading': 'How accessible is Samenspraak?',
  'info.status.text':
    'Samenspraak partially meets the requirements. The requirements are set out in WCAG 2.1 at level AA, which is also the European standard EN 301 549. Public bodies in the Netherlands must meet these requirements.',
  'info.status.why':
    'Partially means: not everything has been checked yet, and a few things do not work for everyone yet. You can read about them below.',

  'info.research.heading': 'How did we check this?',
  'info.research.automated':
    'On every test run, the axe-core tool automatically checks all the main views: joining, waiting for the groups, the conversation in the group, the facilitator page, the screen for the room and the closing. This happens in the Chromium browser, at the size of a phone and of a projector.',
  'info.research.manual':
    'Browser tests also check that you can do the main steps with just a keyboard, and that the text stays readable when you make it twice as big (200%).',
  'info.research.notYet':
    'What we have not done yet: test the app with real screen readers, and have it checked by an independent auditor.',

  'info.limits.heading': 'What does not work well yet?',
  'info.limits.screenReaders':
    'People who use a screen reader have not tested the app yet. So there may be problems we do not know about yet.',
  'info.limits.qr':
    'You can only use the QR code with a camera. That is why the code and the address are always shown as text too. You can type them in yourself.',
  'info.limits.screen':
    'The screen for the room is meant for everyone to look at together. What you need to take part is also on your own phone: your group, the topic, the questions and the time.',
  'info.limits.content':
    'The texts of the workshop itself (such as the characteristics and the questions) stay in the language the facilitator wrote them in. When the app is in English, a screen reader may read Dutch texts with an English pronunciation.',
  'info.limits.dragDrop':
    'The app does not use drag and drop. Making groups and moving people is done with buttons and drop-down lists. This also works with a keyboard.',

  'info.contact.heading': 'Something not working? Let us know',
  'info.contact.organiser':
    'The organisation that runs the workshop is responsible for how Samenspraak is used. Is there something you cannot use, or would you like the information in another way? Ask the workshop facilitator, or contact that organisation.',
  'info.contact.vng': 'Is it about a workshop of the VNG support line Stevige lokale teams? Then send an email to:',
  'info.contact.complaint':
    'Not happy with the answer? Then you can make a complaint to the organisation. If that organisation is a public body, you can then also go to the National Ombudsman or the ombudsman of your municipality.',

  'info.date.heading': 'About this statement',
  'info.date.text': 'This statement was made on 22 November 2026. It follows the model statement of digitoegankelijk.nl.',
} as const satisfies TranslationOf<typeof nlInfo>;

type _Exact = Exact<typeof enInfo, typeof nlInfo>;
