/** Registers the accessibility statement's strings; imported by the statement page only (phones never load them otherwise). */
import { addMessages } from '../../../shared/i18n/index.ts';
import { nlInfo } from '../../../shared/i18n/nl/info.ts';
import { i18n } from '../lib/i18n.svelte.ts';

addMessages('nl', nlInfo);
i18n.registerPart('en', 'info', () => import('../../../shared/i18n/en/info.ts').then((m) => m.enInfo));
