/** Puts the device's language back to Dutch with no saved choice, between tests that switch it. */
import { i18n } from '../../client/src/lib/i18n.svelte.ts';

export async function resetLanguage(): Promise<void> {
  localStorage.clear();
  await i18n.setLanguage('nl');
  i18n.deviceChoice = null;
}
