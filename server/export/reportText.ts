/**
 * The Dutch words every report format shares (Markdown, Word, Excel, HTML), so the formats
 * say the same thing the same way. Reports are in Dutch: organisers in Dutch municipalities
 * read and forward them.
 */
import type { Role } from '../../shared/constants.ts';
import type { ReportTopic, RoleCounts, SessionReport } from '../../shared/report/model.ts';

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

/** A characteristic's averages: "nu 2,5 · gewenst 4,5 · verschil +2,0 (2 groepen)", or "nog geen scores". */
export function averagesText(t: ReportTopic): string {
  return t.now === null && t.want === null
    ? TEXT.noScores
    : `nu ${mean(t.now)} · gewenst ${mean(t.want)} · verschil ${gap(t.gap)} (${groupsScored(t.groupsNow, t.groupsWant)})`;
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
  columns: { topic: 'Kenmerk', now: 'Nu', want: 'Gewenst', gap: 'Verschil', groups: 'Groepen', group: 'Groep', people: 'Mensen' },
  contact: (c: string) => `Vragen of reacties over deze sessie? Neem contact op via ${c}.`,
  chartAlt: (title: string, now: string, want: string) => `Staafdiagram ${title}: gemiddeld nu ${now}, gewenst ${want} (schaal 1 tot 5).`,
} as const;
