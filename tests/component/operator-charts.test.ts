import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import GapChart from '../../client/src/operator/components/GapChart.svelte';
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
