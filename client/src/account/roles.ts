import type { Role } from '../../../shared/accounts/policy.ts';
import type { MessageKey } from '../../../shared/i18n/index.ts';

export const ROLE_LABEL: Readonly<Record<Role, MessageKey>> = {
  beheerder: 'account.role.beheerder',
  organisator: 'account.role.organisator',
  begeleider: 'account.role.begeleider',
};
