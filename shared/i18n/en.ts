/**
 * The English base dictionary: the English of `nlBase` (common, errors, participant).
 * Never imported statically by the client: `i18n.setLanguage('en')` loads it with a dynamic
 * import, so a phone that stays in Dutch never downloads it. The operator and info parts
 * (en/operator.ts, en/info.ts) are loaded the same way by the pages that show them.
 */
import { enCommon } from './en/common.ts';
import { enErrors } from './en/errors.ts';
import { enParticipant } from './en/participant.ts';
import type { Exact, TranslationOf } from './check.ts';
import type { nlBase } from './nl.ts';

export const enBase = { ...enCommon, ...enErrors, ...enParticipant } as const satisfies TranslationOf<typeof nlBase>;

type _Exact = Exact<typeof enBase, typeof nlBase>;
