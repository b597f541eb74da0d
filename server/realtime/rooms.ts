/** Socket.IO room names. One place, so routing and joining can't disagree. */
export const rooms = {
  /** Every participant socket of a session. */
  participants: (sessionId: string) => `s:${sessionId}:p`,
  /** One slice of a session's participants; session-wide updates go out slice by slice. */
  participantSlice: (sessionId: string, slice: number) => `s:${sessionId}:p#${slice}`,
  /** One group's members. */
  group: (sessionId: string, groupId: string) => `s:${sessionId}:g:${groupId}`,
  /** Facilitator panels and shared screens: they get every event. */
  operators: (sessionId: string) => `s:${sessionId}:ops`,
  /** Shared screens only (also in `operators`): what they may not see (presenter notes) is left out for them. */
  screens: (sessionId: string) => `s:${sessionId}:scr`,
} as const;

/**
 * Session-wide updates go out slice by slice, yielding between turns, so no broadcast to
 * thousands blocks everything else for long. A participant's slice is fixed by their id.
 */
export const PARTICIPANT_SLICES = 16;

/**
 * Sockets written per turn of a session-wide update. One write costs ~14 µs (bench
 * --cpu-prof at 5,000: writev is 70% of a broadcast), so 500 keep a turn near 7 ms; 16 turns
 * of 125 at 2,000 only added a yield between each and the next.
 */
export const SOCKETS_PER_TURN = 500;

export function sliceOf(participantId: string): number {
  let h = 0;
  for (let i = 0; i < participantId.length; i++) h = (h * 31 + participantId.charCodeAt(i)) | 0;
  return Math.abs(h) % PARTICIPANT_SLICES;
}
