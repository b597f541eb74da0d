/**
 * The Dutch words every report format shares (Markdown, Word, Excel, HTML), so the formats
 * say the same thing the same way. Reports are in Dutch: organisers in Dutch municipalities
 * read and forward them.
 */
import { ROLES, type Role } from '../../shared/constants.ts';
import type { ReportTopic, ReportTopicGroup, RoleCounts, SessionReport } from '../../shared/report/model.ts';

export const ROLE_LABEL: Record<Role, { one: string; many: string }> = {
  opdrachtgever: { one: 'opdrachtgever', many: 'opdrachtgevers' },
  opdrachtnemer: { one: 'opdrachtnemer', many: 'opdrachtnemers' },
  anders: { one: 'anders', many: 'anders' },
};

/** The heading above a role's answers ("Opdrachtgevers"); authors whose record is gone: "Rol onbekend". */
export const roleHeading = (role: Role | null): string =>
  role === null ? 'Rol onbekend' : ROLE_LABEL[role].many.charAt(0).toUpperCase() + ROLE_LABEL[role].many.slice(1);

export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const decimal = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signedDecimal = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
export const DASH = '–';
/** A mean score, "3,5"; a dash when there is none. */
export const mean = (n: number | null): string => (n === null ? DASH : decimal.format(n));
/** A gap, "+1,0"; a dash when there is none. */
export const gap = (n: number | null): string => (n === null ? DASH : signedDecimal.format(n));
/** One group's score as given. */
export const score = (n: number | null): string => (n === null ? DASH : String(n));

const dateFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' });
export const longDate = (ms: number): string => dateFormat.format(new Date(ms));

export function roleList(counts: RoleCounts): string {
  return (Object.keys(ROLE_LABEL) as Role[]).map((r) => plural(counts[r], ROLE_LABEL[r].one, ROLE_LABEL[r].many)).join(' · ');
}

/** "22 november 2026 · code K7M2QX · 6 deelnemers in 3 groepen". */
export function factsLine(r: SessionReport): string {
  return `${longDate(r.createdAt)} · code ${r.code} · ${plural(r.participants, 'deelnemer', 'deelnemers')} in ${plural(r.groups.length, 'groep', 'groepen')}`;
}

/** "nu 2 groepen, gewenst 1 groep" or "2 groepen". */
export function groupsScored(groupsNow: number, groupsWant: number): string {
  return groupsNow === groupsWant
    ? plural(groupsNow, 'groep', 'groepen')
    : `nu ${plural(groupsNow, 'groep', 'groepen')}, gewenst ${plural(groupsWant, 'groep', 'groepen')}`;
}

/** "nu 5 mensen, gewenst 4 mensen" or "5 mensen". */
export function peopleScored(peopleNow: number, peopleWant: number): string {
  return peopleNow === peopleWant
    ? plural(peopleNow, 'persoon', 'mensen')
    : `nu ${plural(peopleNow, 'persoon', 'mensen')}, gewenst ${plural(peopleWant, 'persoon', 'mensen')}`;
}

/** True when the characteristic was scored per person (its averages are over people). */
const byPeople = (t: ReportTopic): boolean => t.peopleNow + t.peopleWant > 0;

/**
 * A characteristic's averages: "nu 2,5 · gewenst 4,5 · verschil +2,0 (2 groepen)", scored per
 * person "… (6 mensen in 2 groepen)", or "nog geen scores".
 */
export function averagesText(t: ReportTopic): string {
  if (t.now === null && t.want === null) return TEXT.noScores;
  const who = byPeople(t)
    ? `${peopleScored(t.peopleNow, t.peopleWant)} in ${plural(Math.max(t.groupsNow, t.groupsWant), 'groep', 'groepen')}`
    : groupsScored(t.groupsNow, t.groupsWant);
  return `nu ${mean(t.now)} · gewenst ${mean(t.want)} · verschil ${gap(t.gap)} (${who})`;
}

/** One group's score line: as given ("Score nu: 2 · gewenst: 5"), or scored per person its members' mean. */
export function groupScoreText(g: ReportTopicGroup): string {
  if (g.now === null && g.want === null) return TEXT.noScore;
  return g.people === null ? TEXT.scoreLine(g.now, g.want) : TEXT.meanLine(g.now, g.want, g.people);
}

/** The summary table's header: per group the groups that scored, per person the people. */
export function summaryHeader(r: SessionReport): string[] {
  const c = TEXT.columns;
  return [c.topic, c.now, c.want, c.gap, r.scoring === 'person' ? c.people : c.groups];
}

/** A row of the summary table (see summaryHeader); `title` escapes the characteristic's title for the format. */
export function summaryRow(r: SessionReport, t: ReportTopic, title: (s: string) => string = (s) => s): (string | number)[] {
  const who = r.scoring === 'person' ? Math.max(t.peopleNow, t.peopleWant) : Math.max(t.groupsNow, t.groupsWant);
  return [`${t.number}. ${title(t.title)}`, mean(t.now), mean(t.want), gap(t.gap), who];
}

/**
 * The groups table of every format: per group its size and role mix (header and rows). `name`:
 * what the first column shows of a group (its label; a spreadsheet its number, to sort by).
 */
export function groupsTable<Name = string>(
  r: SessionReport,
  name: (g: SessionReport['groups'][number]) => Name = (g) => g.label as Name,
): { header: string[]; rows: (Name | number)[][] } {
  const c = TEXT.columns;
  return {
    header: [c.group, c.people, ...ROLES.map(roleHeading)],
    rows: r.groups.map((g) => [name(g), g.members, ...ROLES.map((role) => g.roles[role])]),
  };
}

/** Scored per person: the table of a characteristic's scores per role (header and rows). */
export function roleScoreTable(t: ReportTopic): { header: string[]; rows: string[][] } {
  const c = TEXT.columns;
  return {
    header: [c.role, c.now, c.want, c.gap, c.people],
    rows: t.byRole.map((r) => [roleHeading(r.role), mean(r.now), mean(r.want), gap(r.gap), r.countNow === r.countWant ? String(r.countNow) : `${r.countNow} / ${r.countWant}`]),
  };
}

/** Scored per person: the bars of a characteristic's chart, everyone first and then per role. */
export function roleChartRows(t: ReportTopic): { label: string; now: number | null; want: number | null }[] {
  return [{ label: TEXT.everyone, now: t.now, want: t.want }, ...t.byRole.map((r) => ({ label: roleHeading(r.role), now: r.now, want: r.want }))];
}

/** "7 antwoorden (opdrachtgevers 3 · opdrachtnemers 2 · anders 2)". */
export function answerCountText(t: ReportTopic): string {
  const parts = (Object.keys(ROLE_LABEL) as Role[]).filter((r) => t.answersByRole[r] > 0).map((r) => `${ROLE_LABEL[r].many} ${t.answersByRole[r]}`);
  return `${plural(t.answerCount, 'antwoord', 'antwoorden')}${parts.length ? ` (${parts.join(' · ')})` : ''}`;
}

export const TEXT = {
  untitled: 'Sessie',
  roles: 'Rollen',
  summary: 'Samenvatting: waar is het verschil het grootst?',
  summaryIntro: 'Per kenmerk de gemiddelde score van de groepen: hoe het nu is en hoe we het willen (1 tot 5). Het grootste verschil staat bovenaan.',
  summaryIntroPerson:
    'Iedereen gaf een eigen score. Per kenmerk het gemiddelde van alle mensen: hoe het nu is en hoe we het willen (1 tot 5). Het grootste verschil staat bovenaan. Per kenmerk staan de scores ook per rol.',
  byRole: 'Scores per rol',
  byRoleIntro: 'Iedereen gaf een eigen score. Gemiddelde per rol (1 tot 5); bij Mensen staat hoeveel mensen een score gaven (nu / gewenst als dat verschilt).',
  everyone: 'Iedereen',
  meanLine: (now: number | null, want: number | null, people: number) => `Gemiddelde score nu: ${mean(now)} · gewenst: ${mean(want)} (${plural(people, 'persoon', 'mensen')})`,
  perTopic: 'Per kenmerk',
  average: 'Gemiddeld',
  noScores: 'nog geen scores',
  noScore: 'Geen score',
  scoreLine: (now: number | null, want: number | null) => `Score nu: ${score(now)} · gewenst: ${score(want)}`,
  answersByRole: 'Antwoorden per rol',
  hidden: 'verborgen op scherm',
  undiscussed: 'Niet besproken',
  undiscussedIntro: 'Over deze kenmerken heeft geen groep iets ingevuld.',
  takeawayFallback: 'Wat neem je mee?',
  groups: 'Groepen',
  columns: { topic: 'Kenmerk', now: 'Nu', want: 'Gewenst', gap: 'Verschil', groups: 'Groepen', group: 'Groep', people: 'Mensen', role: 'Rol' },
  contact: (c: string) => `Vragen of reacties over deze sessie? Neem contact op via ${c}.`,
  chartAlt: (title: string, now: string, want: string) => `Staafdiagram ${title}: gemiddeld nu ${now}, gewenst ${want} (schaal 1 tot 5).`,
  chartAltRoles: (title: string, rows: readonly { label: string; now: number | null; want: number | null }[]) =>
    `Staafdiagram ${title}, gemiddeld per rol (schaal 1 tot 5): ${rows.map((r) => `${r.label} nu ${mean(r.now)}, gewenst ${mean(r.want)}`).join('; ')}.`,
} as const;
