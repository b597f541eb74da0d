/**
 * The organizers' readable report of one session, in Dutch Markdown. Pure: state in,
 * file text out.
 *
 * Layout: title; date, join code, participant/group counts and counts per role; per topic
 * ("kenmerk") each group's scores and answers per question; averages; a summary table of
 * scores; each group's takeaway; the contact address.
 *
 * Data minimisation: no participant names or organisations, only role counts.
 *
 * User text is treated as plain text, never as Markdown or HTML: `<` becomes `&lt;`,
 * Markdown punctuation that could start structure (`#`, `-`, `>`, `|`, `1.` …) at the
 * start of a line is backslash-escaped, and inline markers (`*`, `_`, `` ` ``, `[`, `|`,
 * `\`) are escaped everywhere, so an answer renders exactly as typed.
 */
import type { Role } from '../../shared/constants.ts';
import { ratingKey, type Answer, type Group, type SessionState } from '../../shared/domain/types.ts';
import { answersFor, ratingSummaries } from '../../shared/domain/views.ts';

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const decimal = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signedDecimal = new Intl.NumberFormat('nl-NL', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});

const DASH = '–';

/** Escapes inline Markdown and HTML in a piece of text; does not handle line starts. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]|]/g, (c) => `\\${c}`).replace(/</g, '&lt;');
}

/** Escapes a line so that it cannot start a block structure (heading, list, quote, table, fence, HTML, setext underline). */
function escapeLineStart(line: string): string {
  // Leading whitespace could turn a line into an indented code block; it carries no meaning in a report.
  const trimmed = line.replace(/^[ \t]+/, '');
  const ordered = /^(\d{1,9})([.)])/.exec(trimmed);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${trimmed.slice(ordered[0].length)}`;
  if (/^[#\-+=>~]/.test(trimmed)) return `\\${trimmed}`;
  return trimmed;
}

/** Single-line plain text (titles, questions, table cells): whitespace runs, newlines included, become one space. */
function inline(text: string): string {
  return escapeInline(text.replace(/\s+/g, ' ').trim());
}

/**
 * Multi-line plain text as Markdown lines: each line escaped, a hard line break (trailing
 * backslash) between consecutive lines, blank lines kept as paragraph breaks.
 */
function blockLines(text: string): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => escapeLineStart(escapeInline(l)).trimEnd());
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  // Collapse runs of blank lines to one.
  const out: string[] = [];
  for (const l of lines) if (!(l === '' && out[out.length - 1] === '')) out.push(l);
  return out.map((l, i) => (l !== '' && out[i + 1] !== undefined && out[i + 1] !== '' ? `${l}\\` : l));
}

/** A bullet item whose continuation lines are indented so they stay inside the item. */
function bullet(text: string, suffix = ''): string {
  const lines = blockLines(text);
  if (lines.length === 0) lines.push(`_(leeg)_`);
  lines[lines.length - 1] += suffix;
  return lines.map((l, i) => (i === 0 ? `- ${l}` : l === '' ? '' : `  ${l}`)).join('\n');
}

const fmt = (n: number | null): string => (n === null ? DASH : decimal.format(n));
const score = (n: number | null): string => (n === null ? DASH : String(n));
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const ROLE_LABELS: Record<Role, [string, string]> = {
  opdrachtgever: ['opdrachtgever', 'opdrachtgevers'],
  opdrachtnemer: ['opdrachtnemer', 'opdrachtnemers'],
  anders: ['anders', 'anders'],
};

interface Section {
  readonly groupId: string;
  readonly label: string;
}

/**
 * The groups to report on: the current groups by number, then any group id that data
 * still refers to but that is no longer in `state.groups` (so nothing is silently lost).
 */
function sections(state: SessionState): Section[] {
  const groups: Group[] = [...state.groups].sort((a, b) => a.number - b.number);
  const known = new Set(groups.map((g) => g.id));
  const orphans = new Set<string>();
  for (const a of Object.values(state.answers)) if (!known.has(a.groupId)) orphans.add(a.groupId);
  for (const r of Object.values(state.ratings)) if (!known.has(r.groupId)) orphans.add(r.groupId);
  for (const t of Object.values(state.takeaways)) if (!known.has(t.groupId) && t.text.trim() !== '') orphans.add(t.groupId);
  return [
    ...groups.map((g) => ({ groupId: g.id, label: `Groep ${g.number}` })),
    ...[...orphans].sort().map((id, i) => ({ groupId: id, label: `Vervallen groep ${i + 1}` })),
  ];
}

export function sessionReport(state: SessionState): string {
  const { content } = state;
  const out: string[] = [];
  const para = (...lines: string[]): void => {
    out.push(...lines, '');
  };

  // Heading and facts.
  const active = Object.values(state.participants).filter((p) => !p.removed);
  const roleCounts = (Object.keys(ROLE_LABELS) as Role[]).map((role) => {
    const n = active.filter((p) => p.role === role).length;
    const [one, many] = ROLE_LABELS[role];
    return plural(n, one, many);
  });
  para(`# ${inline(content.title) || 'Sessie'}`);
  para(
    `${dateFormat.format(new Date(state.createdAt))} · code ${inline(state.code)} · ` +
      `${plural(active.length, 'deelnemer', 'deelnemers')} in ${plural(state.groups.length, 'groep', 'groepen')}\\`,
    `Rollen: ${roleCounts.join(' · ')}`,
  );

  const groupSections = sections(state);
  const summaries = new Map(ratingSummaries(state).map((s) => [s.topicId, s]));
  const knownQuestions = new Set(content.questions.map((q) => q.id));

  // Per topic.
  para('## Per kenmerk');
  content.topics.forEach((topic, ti) => {
    para(`### ${ti + 1}. ${inline(topic.title)}`);
    const description = inline(topic.description);
    if (description) para(`_${description}_`);

    for (const section of groupSections) {
      para(`#### ${section.label}`);
      const rating = state.ratings[ratingKey(section.groupId, topic.id)];
      const rated = !!rating && (rating.now !== null || rating.want !== null);
      const answers = answersFor(state, section.groupId, topic.id);
      if (!rated && answers.length === 0) {
        para('_Nog niets ingevuld._');
        continue;
      }
      para(rated ? `Score nu: ${score(rating.now)} · gewenst: ${score(rating.want)}` : 'Geen score');
      const perQuestion: { title: string; answers: Answer[] }[] = content.questions.map((q) => ({
        title: inline(q.text),
        answers: answers.filter((a) => a.questionId === q.id),
      }));
      perQuestion.push({ title: 'Overig', answers: answers.filter((a) => !knownQuestions.has(a.questionId)) });
      for (const q of perQuestion) {
        if (q.answers.length === 0) continue;
        para(`**${q.title}**`);
        para(...q.answers.map((a) => bullet(a.text, a.hidden ? ' _(verborgen op scherm)_' : '')));
      }
    }

    const s = summaries.get(topic.id);
    if (!s || (s.now === null && s.want === null)) {
      para('**Gemiddeld:** nog geen scores');
    } else {
      const count =
        s.groupsNow === s.groupsWant
          ? plural(s.groupsNow, 'groep', 'groepen')
          : `nu ${plural(s.groupsNow, 'groep', 'groepen')}, gewenst ${plural(s.groupsWant, 'groep', 'groepen')}`;
      para(`**Gemiddeld:** nu ${fmt(s.now)} · gewenst ${fmt(s.want)} (${count})`);
    }
  });

  // Score table.
  para('## Scores in één oogopslag');
  const table = ['| Kenmerk | Nu | Gewenst | Verschil |', '| --- | ---: | ---: | ---: |'];
  content.topics.forEach((topic, ti) => {
    const s = summaries.get(topic.id);
    const now = s?.now ?? null;
    const want = s?.want ?? null;
    // From the rounded values shown, so the row adds up as read.
    const diff = now !== null && want !== null ? signedDecimal.format((Math.round(want * 10) - Math.round(now * 10)) / 10) : DASH;
    table.push(`| ${ti + 1}. ${inline(topic.title)} | ${fmt(now)} | ${fmt(want)} | ${diff} |`);
  });
  para(...table);

  // Takeaways.
  para(`## ${inline(content.takeawayQuestion) || 'Wat neem je mee?'}`);
  for (const section of groupSections) {
    para(`### ${section.label}`);
    const lines = blockLines(state.takeaways[section.groupId]?.text ?? '');
    para(...(lines.length ? lines : ['_Geen tekst._']));
  }

  if (content.contact.trim() !== '') {
    para('---', `Vragen of reacties over deze sessie? Neem contact op via ${inline(content.contact)}.`);
  }

  return `${out.join('\n').trimEnd()}\n`;
}
