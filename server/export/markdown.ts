/**
 * The organisers' readable report in Dutch Markdown (for scripts and wikis; Word, HTML and
 * Excel are written from the same model, shared/report/model.ts). Pure: state in, text out.
 *
 * Layout: title and facts; a summary table of the characteristics sorted by gap (wanted −
 * now, largest first); per characteristic discussed, in the order of the agenda, the
 * averages, the answers per role, and per group its scores and its answers per question
 * split by the author's role (hidden ones marked); the characteristics nobody discussed,
 * once; each group's takeaway; the groups with their role mix; the contact address.
 *
 * Data minimisation: no participant names or organisations, only roles. User text is plain
 * text, never Markdown or HTML (shared/steps/markdown.ts escapes it).
 */
import type { SessionState } from '../../shared/domain/types.ts';
import { buildSessionReport, byRole, type ReportTopic, type SessionReport } from '../../shared/report/model.ts';
import { blockLines, bullet, inline } from '../../shared/steps/markdown.ts';
import { factsLine, groupScoreText, groupsTable, roleHeading, roleList, roleScoreTable, summaryHeader, summaryRow, TEXT, answerCountText, averagesText } from './reportText.ts';

/** A Markdown table; the first column left, the others right-aligned. Cells are plain text. */
function mdTable(header: readonly string[], rows: readonly (string | number)[][]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.map((c) => String(c)).join(' | ')} |`;
  return [line(header), `| --- |${' ---: |'.repeat(header.length - 1)}`, ...rows.map(line)].join('\n');
}

function topicSection(t: ReportTopic): string[] {
  const out = [`### ${t.number}. ${inline(t.title)}`];
  const description = inline(t.description);
  if (description) out.push(`_${description}_`);
  out.push(`**${TEXT.average}:** ${averagesText(t)}`);
  if (t.byRole.length) {
    const { header, rows } = roleScoreTable(t);
    out.push(`**${TEXT.byRole}**`, mdTable(header, rows));
  }
  if (t.answerCount > 0) out.push(answerCountText(t));
  for (const g of t.groups) {
    out.push(`#### ${g.label}`);
    out.push(groupScoreText(g));
    for (const q of g.questions) {
      out.push(`**${inline(q.text)}**`);
      for (const part of byRole(q.answers)) {
        out.push(`_${roleHeading(part.role)}_`, part.answers.map((a) => bullet(a.text, a.hidden ? ` _(${TEXT.hidden})_` : '')).join('\n'));
      }
    }
  }
  return out;
}

export function reportMarkdown(r: SessionReport): string {
  const out: string[] = [];
  const para = (...lines: string[]): void => {
    out.push(...lines, '');
  };
  para(`# ${inline(r.title) || TEXT.untitled}`);
  para(`${inline(factsLine(r))}\\`, `${TEXT.roles}: ${roleList(r.roles)}`);

  if (r.topics.length) {
    para(`## ${TEXT.summary}`, r.scoring === 'person' ? TEXT.summaryIntroPerson : TEXT.summaryIntro);
    para(mdTable(summaryHeader(r), r.byGap.map((t) => summaryRow(r, t, inline))));
    para(`## ${TEXT.perTopic}`);
    for (const t of r.topics) for (const block of topicSection(t)) para(block);
  }

  if (r.undiscussed.length) {
    para(`## ${TEXT.undiscussed}`, TEXT.undiscussedIntro, r.undiscussed.map((u) => `- ${u.number}\\. ${inline(u.title)}`).join('\n'));
  }

  if (r.takeaways.length) {
    para(`## ${inline(r.takeawayQuestion) || TEXT.takeawayFallback}`);
    for (const t of r.takeaways) {
      para(`### ${t.label}`);
      para(blockLines(t.text).join('\n'));
    }
  }

  if (r.groups.length) {
    const groups = groupsTable(r);
    const table = [`| ${groups.header.join(' | ')} |`, `| --- |${' ---: |'.repeat(groups.header.length - 1)}`];
    for (const row of groups.rows) table.push(`| ${row.join(' | ')} |`);
    para(`## ${TEXT.groups}`, table.join('\n'));
  }

  if (r.contact.trim() !== '') para('---', TEXT.contact(inline(r.contact)));
  return `${out.join('\n').trimEnd()}\n`;
}

/** The Markdown report of a session (what GET …/report.md sends). */
export function sessionReport(state: SessionState): string {
  return reportMarkdown(buildSessionReport(state));
}
