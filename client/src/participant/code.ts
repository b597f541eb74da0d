/** Join codes as people type them: normalise (lower case, spaces, look-alikes) and check. */
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../../../shared/constants.ts';
import { normaliseJoinCode } from '../../../shared/text.ts';

export { normaliseJoinCode };

/** Room for separators people type ("K7M 2QX", "k7m-2qx"): the normalised code has JOIN_CODE_LENGTH characters. */
export const CODE_INPUT_MAX = JOIN_CODE_LENGTH + 3;

export function isValidCode(code: string): boolean {
  return code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c));
}
