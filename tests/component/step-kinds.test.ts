/**
 * Every kind of step (shared/steps) has its views: one on the projector, one on phones (in
 * the join page or in the chunk loaded after joining) and an entry in the report's table; the projector
 * renders each kind from its table, and its projections rebuild nothing when only the clock
 * ticks (at 400 groups the wall cannot be rebuilt every second).
 */
import { cleanup, render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Step } from '../../shared/domain/agenda.ts';
import { firstStepOf } from '../../shared/domain/agenda.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import { STEP_KIND_NAMES, type StepKind } from '../../shared/steps/index.ts';
import ScreenBody from '../../client/src/operator/screen/ScreenBody.svelte';
import { isPageKind, PHONE_STEPS } from '../../client/src/steps/phone.ts';
import { isLaterKind, PHONE_LATER_VIEWS } from '../../client/src/steps/phoneLater.ts';
import { SCREEN_STEPS } from '../../client/src/steps/screen.ts';
import type { AnswerSource } from '../../client/src/steps/screenSource.ts';
import { busyState } from './operator-fixtures.ts';
import { TestClock } from './testClock.svelte.ts';

afterEach(() => cleanup());

/** busyState's agenda (the legacy one) with a content slide after the groups, so every kind is in it. */
function withEveryKind(): SessionState {
  const state = busyState();
  const slide: Step = { id: 'slide', kind: 'content', title: 'Waar staan we?', body: 'Een dia tussendoor.', notes: '', minutes: 5, payload: {} };
  const after = firstStepOf(state, 'groups') + 1;
  state.agenda = [...state.agenda.slice(0, after), slide, ...state.agenda.slice(after)];
  return state;
}

const at = (kind: StepKind): SessionState => {
  const state = withEveryKind();
  state.stepIndex = firstStepOf(state, kind);
  return state;
};

describe.each(STEP_KIND_NAMES)('step kind %s', (kind) => {
  it('has a projector view with its projection', () => {
    expect(typeof SCREEN_STEPS[kind].view).toBe('function');
    expect(typeof SCREEN_STEPS[kind].project).toBe('function');
  });

  it('has a phone view, in the join page or in the chunk loaded after joining (not both)', () => {
    const entry = PHONE_STEPS[kind];
    expect(isPageKind(kind)).toBe(!isLaterKind(kind));
    if (entry.view === 'later') {
      expect(isLaterKind(kind)).toBe(true);
      expect(typeof PHONE_LATER_VIEWS[kind as keyof typeof PHONE_LATER_VIEWS].view).toBe('function');
    } else {
      expect(typeof entry.view.view).toBe('function');
    }
  });

  it('is shown on the projector', () => {
    const { container } = render(ScreenBody, { props: { state: at(kind), now: Date.now() } });
    expect(container.querySelector('.view')?.textContent?.trim()).not.toBe('');
  });
});

describe('a kind this client does not know (an older page while the server is updated)', () => {
  it('shows no view on the projector, and does not break', () => {
    const state = at('content');
    const unknown = { ...state.agenda[state.stepIndex]!, kind: 'poll' } as unknown as Step;
    state.agenda = state.agenda.map((s, i) => (i === state.stepIndex ? unknown : s));
    const { container } = render(ScreenBody, { props: { state, now: Date.now() } });
    expect(container.querySelector('.view')?.textContent?.trim()).toBe('');
    expect(isPageKind('poll' as StepKind)).toBe(false);
    expect(isLaterKind('poll' as StepKind)).toBe(false);
  });
});

describe('the projector’s projections', () => {
  it('do not rebuild the answer wall when only the clock ticks', () => {
    let reads = 0;
    const state = at('topic');
    // A stand-in for the session's answer index that counts what the wall asks of it.
    const answers: AnswerSource = {
      answersOf: (groupId, topicId) => Object.values(state.answers).filter((a) => a.groupId === groupId && a.topicId === topicId),
      answersVersionNow: () => {
        reads++;
        return 'v1';
      },
      topicVersion: () => 'v1',
    };
    const clock = new TestClock(Date.now());
    const { getByText } = render(ScreenBody, {
      props: {
        state,
        answers,
        get now() {
          return clock.now;
        },
      },
    });
    expect(getByText('We willen meer tijd samen')).toBeInTheDocument();
    const before = reads;
    expect(before).toBeGreaterThan(0);
    clock.now += 1_000;
    flushSync();
    clock.now += 1_000;
    flushSync();
    expect(reads).toBe(before);
  });
});
