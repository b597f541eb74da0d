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

  // Connection
  'participant.conn.label': 'Connection',

  // Session steps
  'participant.waitingForState': 'Getting the details…',
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
  'participant.timer.label': 'Time left',
  'participant.timer.paused': 'paused',
  'participant.timer.notStarted': 'not started yet',
  'participant.timer.oneMinute': '1 minute left.',
  'participant.timer.done': 'Time is up.',

  // Answers
  'participant.answers.empty': 'No answers yet.',
  'participant.answers.listLabel': 'Answers from your group',
  'participant.answer.by': '{name}',
  'participant.answer.formerMember': 'Former group member',
  'participant.answer.yours': 'you',
  'participant.answer.pending': 'not sent yet',
  'participant.answer.hidden': 'not on the big screen',
  'participant.answer.edit': 'Edit',
  'participant.answer.editLabel': 'Edit your answer',
  'participant.answer.delete': 'Delete',
  'participant.answer.deleteConfirm': 'Delete this answer?',
  'participant.answer.deleteYes': 'Yes, delete',
  'participant.answer.deleteNo': 'No',
  'participant.answer.newLabel': 'Your answer',
  'participant.answer.newLabelFor': 'to: {question}',
  'participant.answer.add': 'Add',
  'participant.answer.empty': 'Write something first.',
  'participant.answer.added': 'Answer added.',
  'participant.answer.noGroup': 'You can write as soon as you are in a group.',

  // Ratings
  'participant.ratings.title': 'Your group’s score',
  'participant.ratings.hint': '1 = not at all, 5 = completely. Agree on a score together.',
  'participant.rating.now': 'How is it now?',
  'participant.rating.want': 'How do we want it to be?',
  'participant.rating.option': '{value}',
  'participant.rating.lastBy': 'Last filled in by {name}.',
  'participant.rating.none': 'Not filled in yet.',

  // Takeaway
  'participant.takeaway.title': 'What do you take away?',
  'participant.takeaway.intro': 'Write down together what you take away. One text for the whole group.',
  'participant.takeaway.label': 'Your group’s text',
  'participant.takeaway.save': 'Save',
  'participant.takeaway.saved': 'Saved.',
  'participant.takeaway.unsaved': 'Not saved yet.',
  'participant.takeaway.pending': 'Sending…',
  'participant.takeaway.lastBy': 'Last saved by {name}.',
  'participant.takeaway.otherTitle': '{name} has saved a different text in the meantime',
  'participant.takeaway.otherHelp': 'Your text is still in the box. Combine the two texts and save again.',
  'participant.takeaway.useOther': 'Put their text below yours',
  'participant.takeaway.someone': 'Someone in your group',

  // Feedback, closing, ended
  'participant.feedback.title': 'Feedback',
  'participant.feedback.yourTurn': 'It is your group’s turn now. Tell the room what you take away.',
  'participant.feedback.otherTurn': 'Another group is now telling the room what they take away. Have a listen.',
  'participant.feedback.waiting': 'Each group briefly tells the room what they take away.',
  'participant.feedback.yourText': 'What your group takes away',
  'participant.closing.title': 'Thank you for taking part!',
  'participant.closing.contact': 'Questions or ideas? Send an email to {email}.',
  'participant.closing.contactText': 'Contact: {contact}',
  'participant.closing.packages': 'Would you like to receive the work packages? Send an email to this address.',
  'participant.ended.title': 'The session has ended',
  'participant.ended.text': 'Thank you for taking part. You can close this page.',

  // Errors and notices
  'participant.error.conflict': 'This is not possible right now. Check whether something has changed in the meantime.',
  'participant.error.dismiss': 'Close message',
  'participant.error.restored': 'Your text is back in the box.',
  'participant.removed.rejoin': 'Want to join again? Fill in the form.',
} as const satisfies TranslationOf<typeof nlParticipant>;

type _Exact = Exact<typeof enParticipant, typeof nlParticipant>;
