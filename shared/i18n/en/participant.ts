/** English for shared/i18n/nl/participant.ts (the participant's phone). */
import type { Exact, TranslationOf } from '../check.ts';
import type { nlParticipant } from '../nl/participant.ts';

export const enParticipant = {
  // App shell
  'participant.shell.skip': 'Skip to content',
  'participant.shell.notFoundTitle': 'This page does not exist',
  'participant.shell.notFoundText': 'Check the address, or go to the start page.',
  'participant.shell.home': 'Go to the start page',
  'participant.shell.loadFailed': 'The page could not load. Check your internet connection and try again.',
  'participant.shell.reload': 'Reload',

  // Waiting to be let in ("deelnemers toelaten")
  'participant.waiting': 'Just a moment: the facilitator will let you in soon.',

  // Join
  'join.title': 'Join in',
  'join.intro': 'Fill in your details. Your group will see your name, role and organisation.',
  'join.session': 'Session: {title}',
  'join.code': 'Code',
  'join.codeHint': 'The 6 characters on the screen, for example K7M2QX.',
  'join.name': 'Name',
  'join.role': 'Role',
  'join.role.opdrachtgever': 'Commissioner',
  'join.role.opdrachtgeverHint': 'For example the municipality: board, management or policy.',
  'join.role.opdrachtnemer': 'Contractor',
  'join.role.opdrachtnemerHint': 'For example the organisation that runs the local team.',
  'join.role.anders': 'Other',
  'join.organisation': 'Organisation',
  'join.optional': '(optional)',
  'join.submit': 'Join',
  'join.busy': 'Please wait…',
  'join.errorSummary': 'Please check the form:',
  'join.error.codeRequired': 'Fill in the code.',
  'join.error.codeFormat': 'A code has 6 characters: numbers and letters.',
  'join.error.nameRequired': 'Fill in your name.',
  'join.error.roleRequired': 'Choose your role.',
  'join.error.noConnection': 'No connection to the server. Check your internet connection and try again.',
  'join.changeCode': 'Use a different code',
  'join.checking': 'Checking the code…',
  'join.resuming': 'Picking up where you left off…',
  'join.ended.title': 'This session has ended',
  'join.ended.text': 'You can no longer join. Thank you for your interest. You can close this page.',

  // Connection
  'participant.conn.label': 'Connection',

  // Session steps
  'participant.waitingForState': 'Getting the details…',
  'participant.slide.lookAtScreen': 'Look at the screen.',
  'participant.lobby.title': 'You are in',
  'participant.lobby.wait': 'Please wait. The facilitator will start soon and put everyone into groups.',
  'participant.lobby.you': 'You are taking part as {name}.',
  'participant.group.title': 'You are in group {number}',
  'participant.group.short': 'Group {number}',
  'participant.group.announce': 'You are in group {number}.',
  'participant.group.members': 'In your group',
  'participant.group.you': '{name} (you)',
  'participant.group.alone': 'There is nobody else in your group yet.',
  'participant.group.none': 'You are not in a group yet. The facilitator will put you in one soon.',
  'participant.group.findTable': 'Find your group. Briefly introduce yourselves to each other.',
  'participant.step.announceTopic': 'Now: characteristic {number} of {total}, {title}.',
  'participant.step.topic': 'Characteristic {number} of {total}',
  'participant.role.opdrachtgever': 'commissioner',
  'participant.role.opdrachtnemer': 'contractor',
  'participant.role.anders': 'other',

  // Timer

  // Answers
  'participant.answer.formerMember': 'Former group member',

  // Ratings

  // Takeaway
  'participant.takeaway.title': 'What do you take away?',

  // Feedback, closing, ended
  'participant.feedback.title': 'Feedback',
  'participant.closing.title': 'Thank you for taking part!',

  // Errors and notices
  'participant.error.conflict': 'This is not possible right now. Check whether something has changed in the meantime.',
  'participant.error.dismiss': 'Close message',
  'participant.error.restored': 'Your text is back in the box.',
  'participant.removed.rejoin': 'Want to join again? Fill in the form.',
} as const satisfies TranslationOf<typeof nlParticipant>;

type _Exact = Exact<typeof enParticipant, typeof nlParticipant>;
