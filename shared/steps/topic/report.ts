/**
 * A dialogue topic in the report: per group its scores and answers per question (hidden
 * ones marked), then the averages. After the last topic, all topics' scores at a glance.
 */
import type { Answer, SessionState } from '../../domain/types.ts';
import { ratingKey } from '../../domain/types.ts';
import { answersFor, ratingSummaries } from '../../domain/views.ts';
import type { ReportSpec } from '../kind.ts';
import { bullet, DASH, fmt, inline, plural, score, signed } from '../markdown.ts';
import type { TopicPayload } from './schema.ts';

function averages(state: SessionState, topicId: string): string {
  const s = ratingSummaries(state).find((x) => x.topicId === topicId);
  if (!s || (s.now === null && s.want === null)) return '**Gemiddeld:** nog geen scores';
  const count =
    s.groupsNow === s.groupsWant
      ? plural(s.groupsNow, 'groep', 'groepen')
      : `nu ${plural(s.groupsNow, 'groep', 'groepen')}, gewenst ${plural(s.groupsWant, 'groep', 'groepen')}`;
  return `**Gemiddeld:** nu ${fmt(s.now)} · gewenst ${fmt(s.want)} (${count})`;
}

export const topicReport: ReportSpec<TopicPayload> = {
  chapter: '## Per kenmerk',

  section: (state, step, context) => {
    const { content } = state;
    const index = content.topics.findIndex((t) => t.id === step.payload.topicId);
    const topic = content.topics[index];
    // A topic the content no longer has but that groups worked on (see exportSteps).
    const out = [topic ? `### ${index + 1}. ${inline(topic.title)}` : '### Vervallen kenmerk'];
    const description = inline(topic?.description ?? '');
    if (description) out.push(`_${description}_`);

    const knownQuestions = new Set(content.questions.map((q) => q.id));
    for (const group of context.groups) {
      out.push(`#### ${group.label}`);
      const rating = state.ratings[ratingKey(group.groupId, step.payload.topicId)];
      const rated = !!rating && (rating.now !== null || rating.want !== null);
      const answers = answersFor(state, group.groupId, step.payload.topicId);
      if (!rated && answers.length === 0) {
        out.push('_Nog niets ingevuld._');
        continue;
      }
      out.push(rated ? `Score nu: ${score(rating.now)} · gewenst: ${score(rating.want)}` : 'Geen score');
      const perQuestion: { title: string; answers: Answer[] }[] = content.questions.map((q) => ({
        title: inline(q.text),
        answers: answers.filter((a) => a.questionId === q.id),
      }));
      perQuestion.push({ title: 'Overig', answers: answers.filter((a) => !knownQuestions.has(a.questionId)) });
      for (const q of perQuestion) {
        if (q.answers.length === 0) continue;
        out.push(`**${q.title}**`, q.answers.map((a) => bullet(a.text, a.hidden ? ' _(verborgen op scherm)_' : '')).join('\n'));
      }
    }
    out.push(averages(state, step.payload.topicId));
    return out;
  },

  after: (state) => {
    const table = ['| Kenmerk | Nu | Gewenst | Verschil |', '| --- | ---: | ---: | ---: |'];
    ratingSummaries(state).forEach((s, i) => {
      const title = state.content.topics[i]?.title ?? '';
      // From the rounded values shown, so the row adds up as read.
      const diff = s.now !== null && s.want !== null ? signed((Math.round(s.want * 10) - Math.round(s.now * 10)) / 10) : DASH;
      table.push(`| ${i + 1}. ${inline(title)} | ${fmt(s.now)} | ${fmt(s.want)} | ${diff} |`);
    });
    return ['## Scores in één oogopslag', table.join('\n')];
  },
};
