/**
 * Registers the facilitator's and screen's strings; imported by every operator page (phones never load it).
 * Dutch is added at once; the English part is only fetched when the page is (or becomes) English.
 */
import { addMessages } from '../../../shared/i18n/index.ts';
import { nlOperator } from '../../../shared/i18n/nl/operator.ts';
import { i18n } from '../lib/i18n.svelte.ts';

addMessages('nl', nlOperator);
i18n.registerPart('en', 'operator', () => import('../../../shared/i18n/en/operator.ts').then((m) => m.enOperator));
