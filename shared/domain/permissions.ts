/**
 * Who may send which command: one table, read by the transport (server/realtime) before it
 * even validates a payload, and by `authorise` in decide.ts before any rule runs. It used to
 * be written three times (the command table's sender, a set of facilitator commands in
 * decide, and decide's fall-through branches), which could drift apart; now a new command
 * does not compile until it has a line here.
 */
import type { Command, CommandType } from './commands.ts';
import type { Actor } from './types.ts';

export type ActorKind = Actor['kind'];

export const WHO_MAY = {
  'participant:join': 'guest',
  'answer:add': 'participant',
  'answer:edit': 'participant',
  'answer:delete': 'participant',
  'rating:set': 'participant',
  'takeaway:update': 'participant',
  'content:update': 'facilitator',
  'settings:update': 'facilitator',
  'groups:form': 'facilitator',
  'participant:move': 'facilitator',
  'participant:remove': 'facilitator',
  'participant:admit': 'facilitator',
  'step:set': 'facilitator',
  'agenda:add': 'facilitator',
  'agenda:remove': 'facilitator',
  'agenda:move': 'facilitator',
  'agenda:edit': 'facilitator',
  'timer:start': 'facilitator',
  'timer:pause': 'facilitator',
  'timer:reset': 'facilitator',
  'timer:extend': 'facilitator',
  'answer:hide': 'facilitator',
  'spotlight:set': 'facilitator',
  'session:end': 'facilitator',
} as const satisfies Record<CommandType, ActorKind>;

/** The command types one kind of actor may send. */
export type CommandTypeOf<K extends ActorKind> = { [T in CommandType]: (typeof WHO_MAY)[T] extends K ? T : never }[CommandType];
/** The commands one kind of actor may send. */
export type CommandOf<K extends ActorKind> = Extract<Command, { type: CommandTypeOf<K> }>;

/** True when `kind` is the one actor that may send `command`; narrows the command to that actor's. */
export function sentBy<K extends ActorKind>(command: Command, kind: K): command is CommandOf<K> {
  return WHO_MAY[command.type] === kind;
}
