/** The closing on a phone: thanks, the contact address, and asking for the work packages. */
import type { ComponentProps } from 'svelte';
import type { PhoneSource } from '../phoneSource.ts';
import type { StepView } from '../view.ts';
import PhoneClosing from './PhoneClosing.svelte';
import { socketWorkPackages } from './workPackagesApi.ts';

export const closingPhoneView: StepView<PhoneSource, ComponentProps<typeof PhoneClosing>> = {
  view: PhoneClosing,
  project: (src) => {
    const workPackages = socketWorkPackages(() => src.session.socket);
    return {
      get contact() {
        return src.state.content.contact;
      },
      get workPackages() {
        // Once the session has ended the server takes nothing more from phones.
        return src.state.endedAt === null ? workPackages : null;
      },
    };
  },
};
