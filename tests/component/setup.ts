import '@testing-library/jest-dom/vitest';
import { addMessages } from '../../shared/i18n/index.ts';
import { nlOperator } from '../../shared/i18n/nl/operator.ts';
import { nlDialogue } from '../../shared/i18n/nl/dialogue.ts';

// Operator pages register their strings when they load; components tested on their own need them too.
addMessages('nl', nlOperator);
// Likewise the dialogue steps' strings, which the phone registers when that chunk loads.
addMessages('nl', nlDialogue);

// findBy* waits up to 5 s (default 1 s): a lazily loaded chunk can take longer on a busy CI machine.
// A test that waits for something that never comes still fails, just later.
import { configure } from '@testing-library/svelte';
configure({ asyncUtilTimeout: 5_000 });
