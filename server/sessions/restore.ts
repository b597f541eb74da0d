/**
 * A session's state from what the store holds: its latest snapshot (if any) and the commits
 * after it. The session hub loads sessions this way, and so does the export process, which
 * reads the store itself instead of being sent the state (server/export/exportRunner.ts).
 */
import { evolve, replay } from '../../shared/domain/evolve.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import type { LatestState } from '../store/types.ts';

export function restoreState({ snapshot, commits }: LatestState): SessionState | null {
  const events = commits.flatMap((c) => c.events);
  if (snapshot === null) return replay(events);
  const state = JSON.parse(snapshot.state) as SessionState;
  for (const e of events) evolve(state, e);
  return state;
}
