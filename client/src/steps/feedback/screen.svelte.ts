/**
 * Feedback per group on the projector: the group in the spotlight (members, takeaway,
 * answers and scores per topic) beside every topic's average scores.
 */
import type { ComponentProps } from 'svelte';
import { ratingKey } from '../../../../shared/domain/types.ts';
import { membersOf, ratingSummaries } from '../../../../shared/domain/views.ts';
import type { GapRow } from '../../operator/components/types.ts';
import type { SpotlightGroup } from '../../operator/screen/types.ts';
import type { ScreenStep } from '../screenSource.ts';
import ScreenFeedback from './ScreenFeedback.svelte';

export const feedbackScreen: ScreenStep<ComponentProps<typeof ScreenFeedback>> = {
  view: ScreenFeedback,
  joinCorner: true,
  project(src) {
    const summary: GapRow[] = $derived(
      ratingSummaries(src.state).map((s, i) => {
        const topic = src.state.content.topics[i];
        return { id: s.topicId, label: `${i + 1}. ${topic?.title ?? ''}`, now: s.now, want: s.want };
      }),
    );

    const spotlight: SpotlightGroup | null = $derived.by(() => {
      const st = src.state;
      const g = st.groups.find((x) => x.id === st.spotlightGroupId);
      if (!g) return null;
      // From the session's answer index (the group's answers per topic, reactive per group and
      // topic; the state's answers are not reactive there), else scanned (component tests).
      const index = src.answers;
      const answers = index
        ? st.content.topics.flatMap((topic) => index.answersOf(g.id, topic.id)).filter((a) => !a.hidden)
        : Object.values(st.answers)
            .filter((a) => a.groupId === g.id && !a.hidden)
            .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
      return {
        id: g.id,
        number: g.number,
        names: membersOf(st, g)
          .filter((p) => !p.removed)
          .map((p) => p.name),
        takeaway: st.takeaways[g.id]?.text ?? '',
        topics: st.content.topics.map((topic) => {
          const r = st.ratings[ratingKey(g.id, topic.id)];
          return {
            id: topic.id,
            title: topic.title,
            now: r?.now ?? null,
            want: r?.want ?? null,
            questions: st.content.questions.map((q) => ({
              id: q.id,
              text: q.text,
              answers: answers.filter((a) => a.topicId === topic.id && a.questionId === q.id).map((a) => ({ id: a.id, text: a.text })),
            })),
          };
        }),
      };
    });

    return {
      get group() {
        return spotlight;
      },
      get takeawayQuestion() {
        return src.state.content.takeawayQuestion;
      },
      get summary() {
        return summary;
      },
    };
  },
};
