/**
 * The programme of the workshop "Stevige lokale teams — Ben jij hiervan?", from the deck in
 * shared/seeds/workshop-ben-jij-hiervan.md: intro and introductions → the assignment → the
 * commissioner–contractor relationship (with the five themes) → the 7 characteristics in
 * brief → groups → the dialogue per characteristic → takeaway → feedback per group →
 * closing. The text is the seed's, in plain Dutch (typos of the deck fixed). Notes are for
 * the facilitator only.
 */
import type { Step } from '../steps/index.ts';
import type { Topic } from '../domain/types.ts';

const slide = (id: string, title: string, body: string, notes: string, minutes: number): Step => ({
  id,
  kind: 'content',
  title,
  body,
  notes,
  minutes,
  payload: {},
});

const lines = (...xs: string[]): string => xs.join('\n');

export function stevigeLokaleTeamsProgramme(topics: readonly Topic[], topicMinutes: number): Step[] {
  return [
    {
      id: 'lobby',
      kind: 'lobby',
      title: 'Welkom',
      body: '',
      notes: 'Laat de code en de QR-code op het scherm staan tot iedereen binnen is.',
      minutes: 5,
      payload: {},
    },
    slide(
      'intro',
      'Intro en voorstellen',
      lines(
        'Stevige lokale teams: kenmerken van een stevig lokaal team.',
        'Aandacht voor de relatie opdrachtgever en opdrachtnemer.',
        '',
        'Programma:',
        '• Intro en voorstellen',
        '• Toelichting opdracht',
        '• Relatie opdrachtgever en opdrachtnemer',
        '• De 7 kenmerken in het kort',
        '• Dialoog: Ben jij hiervan?',
        '• Afsluiting',
      ),
      lines(
        'Stel jezelf voor. Vertel over het ondersteuningsteam stevige lokale teams:',
        '• onderdeel van de Hervormingsagenda jeugd, in aansluiting op het toekomstscenario kind- en gezinsbescherming;',
        '• voor opdrachtgevers (gemeenten) en opdrachtnemers (wijkteams in diverse vormen);',
        '• de werkpakketten zijn in ontwikkeling en beschikbaar in 2025.',
        'Vraag wie er opdrachtgever is en wie opdrachtnemer.',
      ),
      10,
    ),
    slide(
      'opdracht',
      'Toelichting opdracht',
      lines(
        'Dialoog: Ben jij hiervan?',
        '',
        '• We maken groepen van ongeveer 4 tot 5 personen.',
        '• Bespreek hoe de verhouding tussen opdrachtgever en opdrachtnemer vorm krijgt in jouw gemeente of wijkteam. Gebruik hierbij de 7 kenmerken.',
        '• Is dit wat je wil of hoe het nu is?',
        '• Wat kan hierin nog worden ontwikkeld, of ben je tevreden?',
        '• Welke rol zie je hierin voor jezelf?',
        '',
        'Daarna vertelt elk groepje kort: wat neem je mee?',
      ),
      'Leg uit dat iedereen op de eigen telefoon meeschrijft met de groep. Per kenmerk geeft de groep ook een score: hoe het nu is en hoe je het wil.',
      5,
    ),
    slide(
      'relatie',
      'Relatie opdrachtgever en opdrachtnemer',
      lines(
        'Gemeenten die succesvol zijn in de transformatie: gemeente en uitvoerende partijen beseffen dat zij strategisch partner zijn.',
        'Samenwerking is cruciaal, maar ook heldere rollen en taken voor beide partijen.',
        '',
        '• Visie: komt samen tot stand en is breed gedragen.',
        '• Goed bestuur: balans tussen helder opdrachtgeverschap en vertrouwen in de praktijk.',
        '• Netwerksamenwerking: echt samenwerken lukt alleen als mensen elkaar echt leren kennen.',
        '• Kwaliteit: wederkerigheid en dialoog om elkaars perspectief te leren kennen.',
        '• Inkoop en bekostiging: financiering past bij de rol van het lokale team.',
      ),
      lines(
        'Dit zijn de vijf thema’s van de werkpakketten. Bij elk thema is aandacht voor de rol van opdrachtgevers én van opdrachtnemers.',
        'Goed bestuur: betrokkenheid is goed, maar bemoeienis met de precieze uitvoering is storend.',
        'Inkoop en bekostiging: houd ook rekening met bijvoorbeeld beleids- en kwaliteitsfuncties.',
      ),
      10,
    ),
    slide(
      'kenmerken',
      'De 7 kenmerken in het kort',
      lines(...topics.map((t, i) => `${i + 1}. ${t.title}`)),
      'Loop de kenmerken kort langs. De groepen bespreken ze straks één voor één; de uitleg per kenmerk staat dan op het scherm en op de telefoons.',
      10,
    ),
    {
      id: 'groups',
      kind: 'groups',
      title: 'Groepen vormen',
      body: '',
      notes: 'Maak de groepen. Iedereen zoekt zijn groep op het scherm en gaat bij elkaar zitten.',
      minutes: 5,
      payload: {},
    },
    ...topics.map(
      (t): Step => ({
        id: `topic-${t.id}`,
        kind: 'topic',
        title: t.title,
        body: '',
        notes: '',
        minutes: topicMinutes,
        payload: { topicId: t.id },
      }),
    ),
    {
      id: 'takeaway',
      kind: 'takeaway',
      title: 'Wat neem je mee?',
      body: '',
      notes: 'Elke groep schrijft samen op wat zij meenemen. Dat lezen ze straks voor.',
      minutes: 10,
      payload: {},
    },
    {
      id: 'feedback',
      kind: 'feedback',
      title: 'Terugkoppeling per groepje',
      body: '',
      notes: 'Zet de groepen één voor één in beeld en laat ze kort vertellen wat zij meenemen.',
      minutes: 15,
      payload: {},
    },
    {
      id: 'closing',
      kind: 'closing',
      title: 'Afsluiting',
      body: lines(
        'Meer weten?',
        'Wil je sparren over mogelijke ondersteuning?',
        'Of wil je de werkpakketten ontvangen als ze klaar zijn?',
        'Dat kan! Stuur een mail met jouw vraag aan: stevigelokaleteams@vng.nl',
        '',
        'Aan de ondersteuning zijn geen kosten verbonden.',
      ),
      notes: 'Bedank iedereen. De samenvatting kun je nu downloaden.',
      minutes: 5,
      payload: {},
    },
  ];
}
