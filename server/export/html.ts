/**
 * The printable HTML report of a session: open it in a browser and "print to PDF" gives a
 * good A4 PDF. Same content and order as the Word report, from the same model, with the
 * same chart (inline SVG). One self-contained file: its styles inline, no scripts, no
 * requests to anywhere (served with a CSP that allows nothing else). Every piece of user
 * text is HTML-escaped. No names or organisations.
 */
import { byRole, type ReportTopic, type SessionReport } from '../../shared/report/model.ts';
import { scoreChartSvg } from './chart.ts';
import {
  factsLine,
  groupScoreText,
  groupsTable,
  mean,
  roleChartRows,
  roleHeading,
  roleList,
  roleScoreTable,
  summaryHeader,
  summaryRow,
  TEXT,
  answerCountText,
  averagesText,
} from './reportText.ts';


const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** User text with its line breaks kept. */
const lines = (s: string): string => esc(s.replace(/\r\n?/g, '\n')).replace(/\n/g, '<br>');

const STYLE = `
  @page { size: A4; margin: 18mm 16mm; }
  :root { color: #111; font-family: "DejaVu Sans", Calibri, Arial, sans-serif; font-size: 11pt; line-height: 1.45; }
  body { max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.9rem; margin: 0 0 .4rem; }
  h2 { font-size: 1.4rem; margin: 2rem 0 .6rem; border-bottom: 2px solid #1f4e79; padding-bottom: .2rem; }
  h3 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; }
  h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
  .facts { color: #333; }
  table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; }
  th, td { border: 1px solid #999; padding: .3rem .45rem; text-align: left; vertical-align: top; }
  th { background: #e8eef5; }
  td.n, th.n { text-align: right; white-space: nowrap; }
  .question { font-weight: bold; margin: .6rem 0 .2rem; }
  .role { font-style: italic; margin: .3rem 0 .1rem; color: #333; }
  ul { margin: .2rem 0 .6rem; padding-left: 1.4rem; }
  .hidden-mark { font-style: italic; color: #555; }
  figure { margin: .6rem 0 1rem; }
  figure svg { width: 100%; height: auto; }
  .topic { break-inside: auto; }
  h2, h3, h4 { break-after: avoid; }
  tr, figure, li { break-inside: avoid; }
  thead { display: table-header-group; }
  @media print { body { margin: 0; max-width: none; } }
`;

function tableHtml(header: readonly string[], rows: readonly (string | number)[][], numericFrom = 1): string {
  const th = header.map((h, i) => `<th scope="col"${i >= numericFrom ? ' class="n"' : ''}>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((v, i) => `<td${i >= numericFrom ? ' class="n"' : ''}>${esc(String(v))}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function figure(svg: string, alt: string): string {
  // The SVG carries its description for screen readers; the figure shows nothing else.
  return `<figure>${svg.replace('role="img">', `role="img" aria-label="${esc(alt)}">`)}</figure>`;
}

function topicHtml(t: ReportTopic): string {
  const out: string[] = [`<section class="topic"><h3>${t.number}. ${esc(t.title)}</h3>`];
  if (t.description.trim()) out.push(`<p><em>${lines(t.description)}</em></p>`);
  out.push(
    `<p><strong>${TEXT.average}:</strong> ${averagesText(t)}</p>`,
  );
  if (t.byRole.length) {
    // Scored per person: the scores per role as a table, then the same as bars (everyone first).
    const table = roleScoreTable(t);
    out.push(`<h4>${TEXT.byRole}</h4><p>${esc(TEXT.byRoleIntro)}</p>`, tableHtml(table.header, table.rows));
    const rows = roleChartRows(t);
    out.push(figure(scoreChartSvg(rows), TEXT.chartAltRoles(t.title, rows)));
  } else if (t.now !== null || t.want !== null) {
    out.push(figure(scoreChartSvg([{ label: `${t.number}. ${t.title}`, now: t.now, want: t.want }]), TEXT.chartAlt(t.title, mean(t.now), mean(t.want))));
  }
  if (t.answerCount > 0) out.push(`<p>${answerCountText(t)}</p>`);
  for (const g of t.groups) {
    out.push(`<h4>${esc(g.label)}</h4><p>${esc(groupScoreText(g))}</p>`);
    for (const q of g.questions) {
      out.push(`<p class="question">${esc(q.text)}</p>`);
      for (const part of byRole(q.answers)) {
        out.push(`<p class="role">${esc(roleHeading(part.role))}</p><ul>`);
        for (const a of part.answers) out.push(`<li>${lines(a.text)}${a.hidden ? ` <span class="hidden-mark">(${TEXT.hidden})</span>` : ''}</li>`);
        out.push('</ul>');
      }
    }
  }
  out.push('</section>');
  return out.join('\n');
}

export function reportHtml(r: SessionReport): string {
  const out: string[] = [
    '<!doctype html>',
    '<html lang="nl">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(r.title || TEXT.untitled)} – verslag</title><style>${STYLE}</style></head>`,
    '<body><main>',
    `<h1>${esc(r.title || TEXT.untitled)}</h1>`,
    `<p class="facts">${esc(factsLine(r))}<br>${TEXT.roles}: ${esc(roleList(r.roles))}</p>`,
  ];
  if (r.topics.length) {
    out.push(`<h2>${TEXT.summary}</h2><p>${r.scoring === 'person' ? TEXT.summaryIntroPerson : TEXT.summaryIntro}</p>`);
    out.push(tableHtml(summaryHeader(r), r.byGap.map((t) => summaryRow(r, t))));
    const scored = r.byGap.filter((t) => t.now !== null || t.want !== null);
    // The overview compares characteristics: one alone would repeat its own chart under "Per kenmerk".
    if (scored.length > 1) {
      const alt = scored.map((t) => `${t.number}. ${t.title}: nu ${mean(t.now)}, gewenst ${mean(t.want)}`).join('; ');
      out.push(figure(scoreChartSvg(scored.map((t) => ({ label: `${t.number}. ${t.title}`, now: t.now, want: t.want }))), `Staafdiagram per kenmerk (schaal 1 tot 5): ${alt}.`));
    }
    out.push(`<h2>${TEXT.perTopic}</h2>`);
    for (const t of r.topics) out.push(topicHtml(t));
  }
  if (r.undiscussed.length) {
    out.push(`<h2>${TEXT.undiscussed}</h2><p>${TEXT.undiscussedIntro}</p><ul>${r.undiscussed.map((u) => `<li>${u.number}. ${esc(u.title)}</li>`).join('')}</ul>`);
  }
  if (r.takeaways.length) {
    out.push(`<h2>${esc(r.takeawayQuestion.trim() || TEXT.takeawayFallback)}</h2>`);
    for (const t of r.takeaways) out.push(`<h3>${esc(t.label)}</h3><p>${lines(t.text)}</p>`);
  }
  if (r.groups.length) {
    const groups = groupsTable(r);
    out.push(`<h2>${TEXT.groups}</h2>`, tableHtml(groups.header, groups.rows));
  }
  if (r.contact.trim()) out.push(`<hr><p>${esc(TEXT.contact(r.contact))}</p>`);
  out.push('</main></body></html>');
  return `${out.join('\n')}\n`;
}
