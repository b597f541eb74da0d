/** Test helper: a reactive view of one group's answers, counting how often it re-runs. */
import type { OperatorSession } from '../../client/src/operator/operatorSession.svelte.ts';

export function watchAnswers(session: OperatorSession, groupId: string, topicId: string) {
  let runs = 0;
  let texts: string[] = [];
  const stop = $effect.root(() => {
    $effect(() => {
      texts = session.answersOf(groupId, topicId).map((a) => a.text);
      runs++;
    });
  });
  return { runs: () => runs, texts: () => texts, stop };
}
