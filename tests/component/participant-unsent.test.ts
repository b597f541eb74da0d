/**
 * Drafts never dropped silently: an answer typed but not added is marked on its box, is
 * listed under "Nog niet verstuurd" on the other steps, can be added with one tap or
 * discarded after a question; the facilitator's table counts members with unsent text.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nlBase } from '../../shared/i18n/nl.ts';
import { nlDialogue } from '../../shared/i18n/nl/dialogue.ts';
import { nlOperator } from '../../shared/i18n/nl/operator.ts';
import AnswerComposer from '../../client/src/participant/AnswerComposer.svelte';
import AnswerList from '../../client/src/participant/AnswerList.svelte';
import UnsentDrafts from '../../client/src/participant/UnsentDrafts.svelte';
import OverallProgressTable from '../../client/src/operator/components/OverallProgressTable.svelte';
import type { UnsentDraft } from '../../client/src/participant/types.ts';

const nl = { ...nlBase, ...nlDialogue, ...nlOperator };

afterEach(cleanup);

const drafts: UnsentDraft[] = [
  { topicId: 'k1', topicIndex: 0, topicTitle: 'Passende omvang', questionId: 'q1', questionText: 'Hoe is het nu?', text: 'Te groot team.' },
  { topicId: 'k3', topicIndex: 2, topicTitle: 'Zichtbaar in de wijk', questionId: 'q2', questionText: 'Wat willen we?', text: 'Vaker op straat.' },
];

function renderList(canAdd = true) {
  const onAdd = vi.fn<(topicId: string, questionId: string) => boolean>(() => true);
  const onDiscard = vi.fn<(topicId: string, questionId: string) => void>();
  const onAnnounce = vi.fn<(text: string) => void>();
  render(UnsentDrafts, { props: { drafts, canAdd, onAdd, onDiscard, onAnnounce } });
  return { onAdd, onDiscard, onAnnounce };
}

const item = (text: string) => screen.getByText(text).closest('li') as HTMLElement;

describe('AnswerComposer', () => {
  it('marks typed text as not added yet, and says it is only on this phone', () => {
    render(AnswerComposer, { props: { id: 'q', question: 'Hoe is het nu?', draft: 'Half af', onDraft: () => {}, onAdd: () => true } });
    const box = screen.getByRole('textbox');
    expect(screen.getByText(nl['participant.draft.notAdded'])).toBeVisible();
    expect(box).toHaveAccessibleDescription(expect.stringContaining(nl['participant.draft.notAddedHelp']));
  });

  it('shows no mark while the box is empty', () => {
    render(AnswerComposer, { props: { id: 'q', question: 'Hoe is het nu?', draft: '  ', onDraft: () => {}, onAdd: () => true } });
    expect(screen.queryByText(nl['participant.draft.notAdded'])).toBeNull();
  });
});

describe('UnsentDrafts ("Nog niet verstuurd")', () => {
  it('lists every unsent answer with its characteristic and question', () => {
    renderList();
    const section = screen.getByRole('region', { name: nl['participant.unsent.title'] });
    expect(within(section).getAllByRole('listitem')).toHaveLength(2);
    expect(within(item('Vaker op straat.')).getByText('Kenmerk 3: Zichtbaar in de wijk · Wat willen we?')).toBeInTheDocument();
  });

  it('adds one with one tap, and says so', async () => {
    const { onAdd, onAnnounce } = renderList();
    const add = within(item('Vaker op straat.')).getByRole('button', { name: nl['participant.answer.add'] });
    expect(add).toHaveAccessibleDescription(expect.stringContaining('Vaker op straat.'));
    await fireEvent.click(add);
    expect(onAdd).toHaveBeenCalledWith('k3', 'q2');
    expect(onAnnounce).toHaveBeenCalledWith('Toegevoegd: Zichtbaar in de wijk.');
  });

  it('discards only after the person confirms', async () => {
    const { onDiscard } = renderList();
    await fireEvent.click(within(item('Te groot team.')).getByRole('button', { name: nl['participant.unsent.discard'] }));
    expect(onDiscard).not.toHaveBeenCalled();
    const question = screen.getByRole('group', { name: nl['participant.unsent.discardConfirm'] });
    // "No" has the focus: an accidental second tap keeps the text.
    expect(within(question).getByRole('button', { name: nl['participant.unsent.discardNo'] })).toHaveFocus();
    await fireEvent.click(within(question).getByRole('button', { name: nl['participant.unsent.discardNo'] }));
    expect(onDiscard).not.toHaveBeenCalled();
    expect(screen.getByText('Te groot team.')).toBeInTheDocument();

    await fireEvent.click(within(item('Te groot team.')).getByRole('button', { name: nl['participant.unsent.discard'] }));
    await fireEvent.click(screen.getByRole('button', { name: nl['participant.unsent.discardYes'] }));
    expect(onDiscard).toHaveBeenCalledWith('k1', 'q1');
  });

  it('after the session ended: the texts stay readable, adding is gone', () => {
    renderList(false);
    expect(screen.getByText(nl['participant.unsent.ended'])).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: nl['participant.answer.add'] })).toBeNull();
    expect(screen.getByText('Te groot team.')).toBeInTheDocument();
  });

  it('shows nothing when every answer was added', () => {
    render(UnsentDrafts, { props: { drafts: [], canAdd: true, onAdd: () => true, onDiscard: () => {}, onAnnounce: () => {} } });
    expect(screen.queryByRole('region')).toBeNull();
  });
});

describe('answers the server confirmed', () => {
  it('carry data-confirmed; an answer still on its way does not', () => {
    render(AnswerList, {
      props: {
        answers: [
          { id: 'a1', authorName: 'Anna', text: 'Opgeslagen', own: true, pending: false, hidden: false },
          { id: 'a2', authorName: 'Anna', text: 'Onderweg', own: true, pending: true, hidden: false },
        ],
        label: 'Antwoorden',
        editDraftFor: () => '',
        onEditDraft: () => {},
        onEdit: () => {},
        onDelete: () => {},
      },
    });
    expect(item('Opgeslagen')).toHaveAttribute('data-confirmed');
    expect(item('Onderweg')).not.toHaveAttribute('data-confirmed');
  });
});

describe('OverallProgressTable: members with unsent text', () => {
  const props = {
    caption: 'Voortgang',
    topics: [{ id: 'k1', title: 'Passende omvang' }],
    questionCount: 2,
    groups: [
      { id: 'g1', number: 1 },
      { id: 'g2', number: 2 },
    ],
    progress: [],
    currentTopicId: 'k1',
  };

  it('shows per group how many members have text not added yet', () => {
    render(OverallProgressTable, { props: { ...props, unsent: { g1: 2 } } });
    const table = screen.getByRole('table', { name: 'Voortgang' });
    expect(within(table).getByRole('columnheader', { name: nl['facilitator.progress.unsent'] })).toBeInTheDocument();
    const [, row1, row2] = within(table).getAllByRole('row') as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(row1).getByText('Leden met tekst die nog niet is toegevoegd: 2')).toBeInTheDocument();
    expect(within(row1).getByText('✎ 2')).toBeVisible();
    expect(within(row2).getByText(nl['facilitator.progress.unsentNone'])).toBeInTheDocument();
  });

  it('has no such column when the count is not given', () => {
    render(OverallProgressTable, { props });
    expect(screen.queryByRole('columnheader', { name: nl['facilitator.progress.unsent'] })).toBeNull();
  });
});
