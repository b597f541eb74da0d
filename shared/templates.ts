/**
 * Built-in session templates. Their content is the user's own material (from the VNG
 * "Stevige lokale teams" documents in shared/seeds), so it stays Dutch whatever the UI
 * language is. A facilitator can edit a copy before the dialogue starts.
 *
 * A template is content (topics, questions …) plus an agenda: the whole programme of the
 * workshop as steps (shared/steps). Topic steps name a topic of the content by id.
 */
import { DEFAULT_TOPIC_MINUTES } from './constants.ts';
import { legacyAgenda } from './domain/agenda.ts';
import type { SessionContent } from './domain/types.ts';
import type { Step } from './steps/index.ts';
import { stevigeLokaleTeamsProgramme } from './templates/stevigeLokaleTeams.ts';

export interface Template {
  readonly id: string;
  readonly content: SessionContent;
  readonly steps: readonly Step[];
}

/** The three dialogue questions of "Ben jij hiervan?", asked per topic. */
const DIALOGUE_QUESTIONS = [
  { id: 'q1', text: 'Is dit wat je wil of hoe het nu is?' },
  { id: 'q2', text: 'Wat kan hierin nog worden ontwikkeld, of ben je tevreden?' },
  { id: 'q3', text: 'Welke rol zie je hierin voor jezelf?' },
] as const;

const CONTACT = 'stevigelokaleteams@vng.nl';

const STEVIGE_LOKALE_TEAMS_CONTENT = {
  title: 'Stevige lokale teams — Ben jij hiervan?',
  intro:
    'Bespreek in je groep hoe de verhouding tussen opdrachtgever en opdrachtnemer vorm krijgt in jouw gemeente of wijkteam. Gebruik hierbij de 7 kenmerken.',
  topics: [
    {
      id: 'k1',
      title: 'Passende omvang en expertise',
      description:
        'Passend bij de lokale opgave. Opdrachtgever en opdrachtnemer zijn blijvend met elkaar in gesprek, zodat de omvang kan worden bijgesteld op basis van de maatschappelijke opgave.',
    },
    {
      id: 'k2',
      title: 'Zichtbaar en aanwezig in de wijk',
      description:
        'Aanwezig waar nodig, vanuit een gedegen wijkanalyse: op belangrijke plekken in de leefwereld van huishoudens en gezinnen, zoals school, huisarts, inlooppunten, sport, bewonersinitiatieven en online.',
    },
    {
      id: 'k3',
      title: 'Samenwerking met de sociale basis',
      description:
        'Het team kent de sociale basis en het netwerk van de gezinnen en huishoudens en investeert in duurzame wijknetwerken. Ook biedt het team collectieve ondersteuning waar mogelijk.',
    },
    {
      id: 'k4',
      title: 'Aansluiten bij wensen (van huishoudens en gezinnen)',
      description:
        "De professionals zijn specialist in contact maken en houden. Zij werken 'van mens tot mens' met een open, geïnteresseerde, niet oordelende basishouding. Gezinnen worden altijd meegenomen in de afwegingen die professionals maken.",
    },
    {
      id: 'k5',
      title: 'Zelf hulp bieden (ook bij onveiligheid)',
      description:
        'Een lokaal team biedt zelf ondersteuning en hulp vanuit een ander type bedding, vanuit haar verbindende en integrale rol. De hulp duurt zo lang als nodig en zo kort als kan.',
    },
    {
      id: 'k6',
      title: 'Breed kijken en handelen',
      description:
        'Het team kijkt in de breedte van wat nodig is, ook over de domeinen heen, bijvoorbeeld op het gebied van bestaanszekerheid, volwassen-ggz en verslavingszorg.',
    },
    {
      id: 'k7',
      title: 'Expertise erbij halen',
      description:
        'Het team haalt specialistische aanvullende hulp erbij en heeft drempelloze consultatiemogelijkheden van andere expertises. Deze hulp wordt zoveel mogelijk geboden in de vertrouwde leefwereld. Er is een wederkerige relatie tussen gespecialiseerde hulp, veiligheidsteams en het lokale team.',
    },
  ],
  questions: [...DIALOGUE_QUESTIONS],
  takeawayQuestion: 'Wat neem je mee?',
  contact: CONTACT,
} satisfies SessionContent;

const WERKPAKKETTEN_CONTENT = {
  title: 'Stevige lokale teams — de vijf thema’s van de werkpakketten',
  intro:
    'Bespreek in je groep per thema hoe opdrachtgever en opdrachtnemer hier samen vorm aan geven in jouw gemeente.',
  topics: [
    {
      id: 't1',
      title: 'Visie',
      description:
        'Een goede visie komt in gezamenlijkheid tot stand en is breed gedragen. Opdrachtgever en opdrachtnemer besteden samen voldoende tijd aan een gezamenlijk begrepen en doorleefd beeld van de te behalen doelen.',
    },
    {
      id: 't2',
      title: 'Goed bestuur',
      description:
        'Er is balans nodig tussen helder opdrachtgeverschap en vertrouwen in de praktijk. Betrokkenheid is goed, maar bemoeienis met de precieze uitvoering is storend.',
    },
    {
      id: 't3',
      title: 'Netwerksamenwerking',
      description:
        'Samenwerking is niet oneindig. Echt samenwerken lukt alleen als mensen elkaar echt leren kennen.',
    },
    {
      id: 't4',
      title: 'Kwaliteit (leren, volgen en verantwoorden)',
      description:
        'Wederkerigheid en dialoog tussen gemeente en lokaal team zijn bedoeld om elkaars perspectief en interpretatie te leren kennen.',
    },
    {
      id: 't5',
      title: 'Inkoop en bekostiging',
      description:
        'Financiering moet passen bij de rol die het lokale team moet innemen. Houd ook rekening met bijvoorbeeld beleids- en kwaliteitsfuncties.',
    },
  ],
  questions: [...DIALOGUE_QUESTIONS],
  takeawayQuestion: 'Wat neem je mee?',
  contact: CONTACT,
} satisfies SessionContent;

export const TEMPLATES = [
  {
    id: 'stevige-lokale-teams',
    content: STEVIGE_LOKALE_TEAMS_CONTENT,
    steps: stevigeLokaleTeamsProgramme(STEVIGE_LOKALE_TEAMS_CONTENT.topics, DEFAULT_TOPIC_MINUTES),
  },
  {
    id: 'werkpakketten',
    content: WERKPAKKETTEN_CONTENT,
    steps: legacyAgenda(WERKPAKKETTEN_CONTENT, DEFAULT_TOPIC_MINUTES),
  },
] as const satisfies readonly Template[];

export type TemplateId = (typeof TEMPLATES)[number]['id'];

export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
