import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import GroupPanel from '../../client/src/operator/components/GroupPanel.svelte';
import type { GroupView, MemberView } from '../../client/src/operator/components/types.ts';

afterEach(() => cleanup());

const m = (id: string, name: string, role: MemberView['role'] = 'opdrachtgever', organisation = 'Gemeente Zwolle'): MemberView => ({
  id,
  name,
  role,
  organisation,
});

const groups: GroupView[] = [
  { id: 'g1', number: 1, members: [m('p1', 'Anna'), m('p2', 'Bram', 'opdrachtnemer', 'Wijkteam Oost')] },
  { id: 'g2', number: 2, members: [m('p3', 'Chris'), m('p4', 'Dewi', 'opdrachtnemer')] },
  { id: 'g3', number: 3, members: [m('p5', 'Eva', 'anders', '')] },
];
const unassigned = [m('p6', 'Fatima'), m('p7', 'Gijs', 'opdrachtnemer')];

function setup(overrides: Partial<{ groups: GroupView[]; unassigned: MemberView[] }> = {}) {
  const onForm = vi.fn();
  const onMove = vi.fn();
  const onSettings = vi.fn();
  render(GroupPanel, {
    props: {
      groups: overrides.groups ?? groups,
      unassigned: overrides.unassigned ?? unassigned,
      targetSize: 5,
      lateJoiners: 'smallest',
      onForm,
      onMove,
      onSettings,
    },
  });
  return { onForm, onMove, onSettings };
}

describe('GroupPanel', () => {
  it('lists every member under their own group, and the people without a group', () => {
    setup();
    const g1 = screen.getByRole('list', { name: 'Leden van groep 1' });
    expect(within(g1).getByText('Anna')).toBeInTheDocument();
    expect(within(g1).getByText('Bram')).toBeInTheDocument();
    expect(within(g1).queryByText('Chris')).toBeNull();
    const g2 = screen.getByRole('list', { name: 'Leden van groep 2' });
    expect(within(g2).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('Chris'),
      expect.stringContaining('Dewi'),
    ]);
    expect(within(screen.getByRole('list', { name: 'Leden van groep 3' })).getByText('Eva')).toBeInTheDocument();
    const loose = screen.getByRole('list', { name: 'Zonder groep' });
    expect(within(loose).getByText('Fatima')).toBeInTheDocument();
    expect(within(loose).getByText('Gijs')).toBeInTheDocument();
    // Role and organisation are shown with the name.
    expect(within(g1).getByText('Wijkteam Oost')).toBeInTheDocument();
  });

  it('each move select shows where the person is now', () => {
    setup();
    expect(screen.getByLabelText<HTMLSelectElement>('Verplaats Dewi naar').value).toBe('g2');
    expect(screen.getByLabelText<HTMLSelectElement>('Verplaats Fatima naar').value).toBe('');
  });

  it('moving someone to another group calls onMove with their id and the group id', async () => {
    const { onMove } = setup();
    const select = screen.getByLabelText('Verplaats Anna naar');
    await fireEvent.change(select, { target: { value: 'g3' } });
    expect(onMove).toHaveBeenCalledExactlyOnceWith('p1', 'g3');
  });

  it('moving someone out of their group sends null, and placing an unassigned person sends the group', async () => {
    const { onMove } = setup();
    await fireEvent.change(screen.getByLabelText('Verplaats Chris naar'), { target: { value: '' } });
    await fireEvent.change(screen.getByLabelText('Verplaats Gijs naar'), { target: { value: 'g1' } });
    expect(onMove.mock.calls).toEqual([
      ['p3', null],
      ['p7', 'g1'],
    ]);
  });

  it('"Groepen maken" calls onForm with the chosen size', async () => {
    const { onForm } = setup({ groups: [], unassigned: [...unassigned, m('p8', 'Hanna'), m('p9', 'Ilse')] });
    await fireEvent.change(screen.getByLabelText('Grootte van de groepen'), { target: { value: '4' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Groepen maken' }));
    expect(onForm).toHaveBeenCalledExactlyOnceWith(4);
  });

  it('"Opnieuw indelen" asks first, then calls onForm with the default size (5 → groups of 4–5)', async () => {
    const { onForm } = setup();
    expect(screen.getByLabelText<HTMLSelectElement>('Grootte van de groepen').value).toBe('5');
    await fireEvent.click(screen.getByRole('button', { name: 'Opnieuw indelen' }));
    expect(onForm).not.toHaveBeenCalled();
    const confirm = screen.getByRole('button', { name: 'Ja, opnieuw indelen' });
    expect(confirm).toHaveFocus();
    await fireEvent.click(confirm);
    expect(onForm).toHaveBeenCalledExactlyOnceWith(5);
  });

  it('shows the error the server gives when regrouping is refused', async () => {
    const message = 'Dit kan niet meer: de groepen hebben al geschreven. Verplaats mensen één voor één.';
    const onForm = vi.fn().mockResolvedValue(message);
    render(GroupPanel, {
      props: { groups, unassigned, targetSize: 5, lateJoiners: 'smallest', onForm, onMove: vi.fn(), onSettings: vi.fn() },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Opnieuw indelen' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Ja, opnieuw indelen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
  });

  it('the late-joiner policy calls onSettings', async () => {
    const { onSettings } = setup();
    const group = screen.getByRole('group', { name: 'Wie later komt' });
    expect(within(group).getByRole('radio', { name: 'gaat naar de kleinste groep' })).toBeChecked();
    await fireEvent.click(within(group).getByRole('radio', { name: 'wacht in de lobby' }));
    expect(onSettings).toHaveBeenCalledExactlyOnceWith({ lateJoiners: 'lobby' });
  });
});
