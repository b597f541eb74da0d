/**
 * The organizers' readable report of one session, in Dutch Markdown. Pure: state in,
 * file text out.
 *
 * Layout: title; date, join code, participant/group counts and counts per role; then the
 * agenda's steps in order, each kind writing its own section (shared/steps/<kind>/report.ts:
 * a content slide its text, a topic ("kenmerk") each group's scores and answers per
 * question and the averages, the takeaway each group's text); after the last topic a
 * summary table of scores; the contact address.
 *
 * Data minimisation: no participant names or organisations, only role counts.
 *
 * User text is treated as plain text, never as Markdown or HTML (see shared/steps/markdown.ts).
 */
import type { Role } from '../../shared/constants.ts';
import { exportSteps } from '../../shared/domain/agenda.ts';
import type { Group, SessionState } from '../../shared/domain/types.ts';
import type { Step } from '../../shared/steps/index.ts';
import type { ReportGroup, ReportSpec } from '../../shared/steps/kind.ts';
import { inline, plural } from '../../shared/steps/markdown.ts';
import { STEP_REPORTS } from '../../shared/steps/reports.ts';

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const ROLE_LABELS: Record<Role, [string, string]> = {
  opdrachtgever: ['opdrachtgever', 'opdrachtgevers'],
  opdrachtnemer: ['opdrachtnemer', 'opdrachtnemers'],
  anders: ['anders', 'anders'],
};

/**
 * The groups to report on: the current groups by number, then any group id that data
 * still refers to but that is no longer in `state.groups` (so nothing is silently lost).
 */
function reportGroups(state: SessionState): ReportGroup[] {
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

const reportOf = (step: Step): ReportSpec<Step['payload']> | null => STEP_REPORTS[step.kind] as ReportSpec<Step['payload']> | null;

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

  // The agenda's steps in order (with stand-ins for data no step covers, as the CSV has),
  // each kind writing its own section; a kind's `after` follows its last section.
  const context = { groups: reportGroups(state) };
  const parts = exportSteps(state).flatMap((step) => {
    const spec = reportOf(step);
    return spec ? [{ step, spec }] : [];
  });
  const lastOfKind = new Map(parts.map(({ step }, i) => [step.kind, i]));
  let chapter: string | null = null;
  parts.forEach(({ step, spec }, i) => {
    const blocks = spec.section(state, step, context);
    if (spec.chapter !== undefined && spec.chapter !== chapter) para(spec.chapter);
    chapter = spec.chapter ?? null;
    for (const block of blocks) para(block);
    if (lastOfKind.get(step.kind) === i && spec.after) {
      for (const block of spec.after(state, context)) para(block);
      chapter = null;
    }
  });

  if (content.contact.trim() !== '') {
    para('---', `Vragen of reacties over deze sessie? Neem contact op via ${inline(content.contact)}.`);
  }

  return `${out.join('\n').trimEnd()}\n`;
}
