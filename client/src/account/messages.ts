/**
 * Registers the account pages' strings; imported by every account page and by the create
 * page (which needs a sign-in). Phones never load it. English is fetched only when chosen.
 */
import { addMessages } from '../../../shared/i18n/index.ts';
import { nlAccount } from '../../../shared/i18n/nl/account.ts';
import { i18n } from '../lib/i18n.svelte.ts';
import './account.css';

addMessages('nl', nlAccount);
i18n.registerPart('en', 'account', () => import('../../../shared/i18n/en/account.ts').then((m) => m.enAccount));
