import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import GapChart from '../../client/src/operator/components/GapChart.svelte';
import OverallProgressTable from '../../client/src/operator/components/OverallProgressTable.svelte';
import TopicProgressTable from '../../client/src/operator/components/TopicProgressTable.svelte';

afterEach(() => cleanup());

describe('GapChart', () => {
  it('shows the now and want numbers of every row, and a sentence for screen readers', () => {
    render(GapChart, {
      props: {
        caption: 'Gemiddelde van alle groepen per kenmerk',
        rows: [
          { id: 'k1', label: '1. Passende omvang', now: 2.5, want: 4.25 },
          { id: 'k2', label: '2. Zichtbaar in de wijk', now: 3, want: null },
        ],
      },
    });
    const figure = screen.getByRole('figure', { name: 'Gemiddelde van alle groepen per kenmerk' });
    // The rows: the innermost list items (the chart pages them as a card of rows).
    const items = within(figure).getAllByRole('listitem').filter((li) => li.querySelector('li') === null);
    expect(items).toHaveLength(2);
    const [first, second] = items as [HTMLElement, HTMLElement];
    // Visible numbers, Dutch decimal comma, one decimal.
    expect(within(first).getByText('2,5')).toBeInTheDocument();
    expect(within(first).getByText('4,3')).toBeInTheDocument();
    expect(within(first).getByText('1. Passende omvang: nu 2,5, gewenst 4,3, verschil 1,8.')).toBeInTheDocument();
    expect(within(second).getByText('3')).toBeInTheDocument();
    expect(within(second).getByText('2. Zichtbaar in de wijk: nu 3, gewenst geen score.')).toBeInTheDocument();
  });

  it('says so when nobody has scored yet', () => {
    render(GapChart, {
      props: { caption: 'Scores', emptyText: 'Nog geen scores.', rows: [{ id: 'g1', label: 'Groep 1', now: null, want: null }] },
    });
    expect(screen.getByText('Nog geen scores.')).toBeInTheDocument();
    expect(screen.queryByRole('listitem')).toBeNull();
  });
});

describe('TopicProgressTable', () => {
  const questions = [
    { id: 'q1', text: 'Is dit wat je wil of hoe het nu is?' },
    { id: 'q2', text: 'Wat kan hierin nog worden ontwikkeld?' },
  ];

  it('has a caption, headers, and per group the answer counts and scores', () => {
    render(TopicProgressTable, {
      props: {
        caption: 'Nu bezig: Passende omvang',
        questions,
        rows: [
          { groupId: 'g1', number: 1, answered: { q1: 2, q2: 1 }, now: 3, want: 5 },
          { groupId: 'g2', number: 2, answered: { q1: 0, q2: 0 }, now: null, want: null },
        ],
      },
    });
    const table = screen.getByRole('table', { name: /Nu bezig: Passende omvang/ });
    expect(within(table).getByText('1 van de 2 groepen zijn klaar.')).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'Vraag 1: Is dit wat je wil of hoe het nu is?' })).toBeInTheDocument();

    const [, row1, row2] = within(table).getAllByRole('row') as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(row1).getByRole('rowheader')).toHaveTextContent('Groep 1');
    const cells1 = within(row1).getAllByRole('cell');
    expect(cells1[0]).toHaveTextContent('✓ 2');
    expect(within(cells1[0]!).getByText('Antwoorden: 2')).toBeInTheDocument();
    expect(cells1[1]).toHaveTextContent('✓ 1');
    expect(cells1[2]).toHaveTextContent('nu 3, gewenst 5');
    expect(cells1[3]).toHaveTextContent('ja');

    const cells2 = within(row2).getAllByRole('cell');
    expect(within(cells2[0]!).getByText('nog geen antwoord')).toBeInTheDocument();
    expect(within(cells2[2]!).getByText('nog geen scores')).toBeInTheDocument();
    expect(cells2[3]).toHaveTextContent('nee');
  });
});

describe('progress tables at 400 groups', () => {
  const questions = [{ id: 'q1', text: 'Is dit wat je wil of hoe het nu is?' }];
  const rowHeaders = (name: RegExp) => within(screen.getByRole('table', { name })).getAllByRole('rowheader').map((h) => h.textContent);

  it('the current topic’s table shows 25 groups a page, counts all 400 as done or not, and pages on', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ groupId: `g${i + 1}`, number: i + 1, answered: { q1: i < 30 ? 1 : 0 }, now: i < 30 ? 3 : null, want: null }));
    render(TopicProgressTable, { props: { caption: 'Nu bezig: Passende omvang', questions, rows } });
    expect(rowHeaders(/Nu bezig/)).toEqual(Array.from({ length: 25 }, (_, i) => `Groep ${i + 1}`));
    expect(screen.getByText('30 van de 400 groepen zijn klaar.')).toBeInTheDocument();
    const pager = screen.getByRole('navigation', { name: 'Groepen bij het kenmerk van nu: andere bladzijde' });
    expect(pager).toHaveTextContent('1–25 van 400');
    await fireEvent.click(within(pager).getByRole('button', { name: 'Volgende bladzijde' }));
    expect(rowHeaders(/Nu bezig/)).toEqual(Array.from({ length: 25 }, (_, i) => `Groep ${i + 26}`));
    expect(pager).toHaveTextContent('26–50 van 400');
  });

  it('the table of all topics shows 25 groups a page too, with its own pager; few groups need none', async () => {
    const groups = Array.from({ length: 400 }, (_, i) => ({ id: `g${i + 1}`, number: i + 1 }));
    const props = { caption: 'Alle kenmerken', topics: [{ id: 'k1', title: 'Passende omvang' }], questionCount: 1, progress: [], currentTopicId: 'k1' };
    const { unmount } = render(OverallProgressTable, { props: { ...props, groups } });
    expect(rowHeaders(/Alle kenmerken/)).toHaveLength(25);
    const pager = screen.getByRole('navigation', { name: 'Groepen bij alle kenmerken: andere bladzijde' });
    expect(within(pager).getByRole('button', { name: 'Vorige bladzijde' })).toBeDisabled();
    for (let i = 0; i < 15; i++) await fireEvent.click(within(pager).getByRole('button', { name: 'Volgende bladzijde' }));
    // The last page: groups 376–400, and no further.
    expect(rowHeaders(/Alle kenmerken/)).toEqual(Array.from({ length: 25 }, (_, i) => `Groep ${i + 376}`));
    expect(within(pager).getByRole('button', { name: 'Volgende bladzijde' })).toBeDisabled();
    unmount();
    render(OverallProgressTable, { props: { ...props, groups: groups.slice(0, 25) } });
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});
