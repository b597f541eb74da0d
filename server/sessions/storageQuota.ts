/**
 * What a session may still do once it has used its stored-bytes quota (HubDeps.maxStoredBytes,
 * SESSION_MAX_MB): whatever does not add to it. Joining, writing and scoring stop, with
 * "Deze sessie is vol" on the phone (the text stays in its box) and in the console; the
 * facilitator can still pace, lock, remove, hide and end the session, and nothing already
 * acknowledged is touched. One line per command, so a new one must say where it stands.
 */
import type { CommandType } from '../../shared/domain/commands.ts';

export const WHEN_FULL = {
  'participant:join': 'refused',
  'answer:add': 'refused',
  'answer:edit': 'refused',
  // Deleting gives room back.
  'answer:delete': 'allowed',
  'rating:set': 'refused',
  'takeaway:update': 'refused',
  // The facilitator's large payloads: a session's whole content, an agenda step's text.
  'content:update': 'refused',
  'agenda:add': 'refused',
  'agenda:edit': 'refused',
  'settings:update': 'allowed',
  'groups:form': 'allowed',
  'participant:move': 'allowed',
  'participant:remove': 'allowed',
  // Letting in who already waits adds a line each.
  'participant:admit': 'allowed',
  'step:set': 'allowed',
  'agenda:remove': 'allowed',
  'agenda:move': 'allowed',
  'timer:start': 'allowed',
  'timer:pause': 'allowed',
  'timer:reset': 'allowed',
  'timer:extend': 'allowed',
  'answer:hide': 'allowed',
  'spotlight:set': 'allowed',
  'session:end': 'allowed',
} as const satisfies Record<CommandType, 'allowed' | 'refused'>;

export const DEFAULT_MAX_STORED_BYTES = 50 * 1024 * 1024;
