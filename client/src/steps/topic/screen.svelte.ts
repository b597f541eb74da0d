/**
 * A dialogue topic on the projector: the topic and its questions, the timer, each group's
 * answers arriving (the wall) and each group's scores (the gap chart).
 */
import { untrack, type ComponentProps } from 'svelte';
import { topicIndexOf } from '../../../../shared/domain/agenda.ts';
import { ratingKey, scoringOf } from '../../../../shared/domain/types.ts';
import { t } from '../../lib/i18n.svelte.ts';
import type { GapRow } from '../../operator/components/types.ts';
import type { ScreenAnswer, ScreenGroupAnswers } from '../../operator/screen/types.ts';
import type { AnswerSource, ScreenStep } from '../screenSource.ts';
import ScreenTopic from './ScreenTopic.svelte';

export const topicScreen: ScreenStep<ComponentProps<typeof ScreenTopic>> = {
  view: ScreenTopic,
  joinCorner: true,
  project(src) {
    const topicId = $derived(src.step.kind === 'topic' ? src.step.payload.topicId : null);
    const index = $derived(topicIndexOf(src.state, src.step));
    const questionNumber = $derived(new Map(src.state.content.questions.map((q, i) => [q.id, i + 1])));

    /**
     * A group's wall entry, rebuilt only when its own answers changed (the session's answer
     * index says which): at 400 groups and 14,000 answers, rebuilding every group per new
     * answer kept the projector's main thread busy for seconds (see npm run bench).
     * Unchanged groups keep the same object, so the wall does not touch their DOM. Kept for
     * the life of the screen, so going back to a topic finds its entries still there.
     */
    const wallCache = new Map<string, { version: string; number: number; value: ScreenGroupAnswers }>();
    function wallEntry(answerIndex: AnswerSource, groupId: string, number: number, topicId: string): ScreenGroupAnswers {
      const key = `${groupId}/${topicId}`;
      const version = answerIndex.answersVersionNow(groupId, topicId);
      const hit = wallCache.get(key);
      if (hit && hit.version === version && hit.number === number) return hit.value;
      // An answer that did not change keeps its object too: the wall then measures only the new or edited one.
      const before = new Map(hit?.value.answers.map((a) => [a.id, a]));
      const value = {
        id: groupId,
        number,
        answers: answerIndex
          .answersOf(groupId, topicId)
          .filter((a) => !a.hidden)
          .map((a): ScreenAnswer => {
            const n = questionNumber.get(a.questionId) ?? 0;
            const had = before.get(a.id);
            return had && had.text === a.text && had.questionNumber === n ? had : { id: a.id, text: a.text, questionNumber: n };
          }),
      };
      wallCache.set(key, { version, number, value });
      return value;
    }

    /** Without the index (component tests): every answer is scanned, per change. */
    function scannedEntries(topicId: string): ScreenGroupAnswers[] {
      const byGroup = new Map<string, { id: string; text: string; questionId: string; createdAt: number }[]>();
      for (const a of Object.values(src.state.answers)) {
        if (a.topicId !== topicId || a.hidden) continue;
        let list = byGroup.get(a.groupId);
        if (!list) byGroup.set(a.groupId, (list = []));
        list.push({ id: a.id, text: a.text, questionId: a.questionId, createdAt: a.createdAt });
      }
      return src.state.groups.map((g) => ({
        id: g.id,
        number: g.number,
        answers: (byGroup.get(g.id) ?? [])
          .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
          .map((a) => ({ id: a.id, text: a.text, questionNumber: questionNumber.get(a.questionId) ?? 0 })),
      }));
    }

    /** The groups' ids and numbers: changes only when groups do (not when members move). */
    const groupList = $derived(src.state.groups.map((g) => ({ id: g.id, number: g.number })));

    /**
     * Depends on the topic's version (one signal) and the group list, not on a signal per group
     * and per group field: each fold re-ran it with 400 groups' worth of reads and dependencies.
     * Which groups changed, wallEntry finds out untracked.
     */
    const groups: ScreenGroupAnswers[] = $derived.by(() => {
      if (topicId === null) return [];
      const answers = src.answers;
      if (!answers) return scannedEntries(topicId);
      const id = topicId;
      const list = groupList;
      void answers.topicVersion(id);
      return untrack(() => list.map((g) => wallEntry(answers, g.id, g.number, id)));
    });

    /** A group's row keeps its object while its label and scores stay the same (the chart then leaves it alone). */
    const perPerson = $derived(scoringOf(src.state.settings) === 'person');
    const gapRows = new Map<string, GapRow>();
    const gap: GapRow[] = $derived.by(() => {
      if (topicId === null) return [];
      return src.state.groups.map((g) => {
        const r = src.state.ratings[ratingKey(g.id, topicId)];
        // Scores per person: the group's mean, with how many of its members gave a score under its name.
        const count = r?.people ?? 0;
        const note = perPerson ? t('screen.gap.groupPeople', { count, members: Math.max(g.memberIds.length, count) }) : undefined;
        const row: GapRow = { id: g.id, label: t('screen.groupName', { number: g.number }), ...(note ? { note } : {}), now: r?.now ?? null, want: r?.want ?? null };
        const had = gapRows.get(g.id);
        if (had && had.label === row.label && had.note === row.note && had.now === row.now && had.want === row.want) return had;
        gapRows.set(g.id, row);
        return row;
      });
    });

    return {
      get topic() {
        return src.state.content.topics[index] ?? null;
      },
      get index() {
        return index;
      },
      get total() {
        return src.state.content.topics.length;
      },
      get questions() {
        return src.state.content.questions;
      },
      get timer() {
        return src.state.timer;
      },
      get now() {
        return src.now;
      },
      get groups() {
        return groups;
      },
      get gap() {
        return gap;
      },
      get perPerson() {
        return perPerson;
      },
    };
  },
};
