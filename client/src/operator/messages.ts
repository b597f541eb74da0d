/** Registers the facilitator's and screen's strings; imported by every operator page (phones never load it). */
import { addMessages } from '../../../shared/i18n/index.ts';
import { nlOperator } from '../../../shared/i18n/nl/operator.ts';

addMessages('nl', nlOperator);
