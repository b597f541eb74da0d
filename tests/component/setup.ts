import '@testing-library/jest-dom/vitest';
import { addMessages } from '../../shared/i18n/index.ts';
import { nlOperator } from '../../shared/i18n/nl/operator.ts';
import { nlDialogue } from '../../shared/i18n/nl/dialogue.ts';

// Operator pages register their strings when they load; components tested on their own need them too.
addMessages('nl', nlOperator);
// Likewise the dialogue steps' strings, which the phone registers when that chunk loads.
addMessages('nl', nlDialogue);
