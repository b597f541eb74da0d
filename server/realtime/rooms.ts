/** Socket.IO room names. One place, so routing and joining can't disagree. */
export const rooms = {
  /** Every participant socket of a session (session-wide pace: step, timer, spotlight). */
  participants: (sessionId: string) => `s:${sessionId}:p`,
  /** One group's members. */
  group: (sessionId: string, groupId: string) => `s:${sessionId}:g:${groupId}`,
  /** All sockets of one participant (several tabs or a phone and a laptop). */
  participant: (sessionId: string, participantId: string) => `s:${sessionId}:p:${participantId}`,
  /** Facilitator panels and shared screens: they get every event. */
  operators: (sessionId: string) => `s:${sessionId}:ops`,
} as const;
