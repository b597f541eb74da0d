/**
 * Registers the strings of the dialogue steps; imported by the dialogue chunk (StepView),
 * which a phone loads after joining. English is fetched only when the phone is English.
 */
import { addMessages } from '../../../shared/i18n/index.ts';
import { nlDialogue } from '../../../shared/i18n/nl/dialogue.ts';
import { i18n } from '../lib/i18n.svelte.ts';

addMessages('nl', nlDialogue);
i18n.registerPart('en', 'dialogue', () => import('../../../shared/i18n/en/dialogue.ts').then((m) => m.enDialogue));
