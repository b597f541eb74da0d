/**
 * What a kind of step (shared/steps/<kind>) shows one audience: a view and its projection.
 * Each kind's client side lives in client/src/steps/<kind>/; the tables beside this file
 * (screen.ts for the projector, phone.ts and phoneLater.ts for phones) list every kind,
 * so leaving a kind out is a type error.
 *
 * A projection turns what an audience has (its source: the session state, the clock, caches)
 * into the view's props. It runs once when the page mounts and returns the props as live
 * getters: a view then re-renders only the parts whose data changed, and a costly prop is a
 * $derived kept in the projection's closure together with its caches (the projector at 400
 * groups cannot rebuild every group's answers when one arrives, nor each second the clock ticks).
 */
import type { Component } from 'svelte';

/** Svelte's own bound for component props (`any`: an interface has no index signature to match `unknown`). */
type Props = Record<string, any>;

export interface StepView<Source, P extends Props> {
  readonly view: Component<P>;
  /** Called once per mounted page; see the file comment. */
  readonly project: (source: Source) => P;
}

/**
 * A table's entry: a view of whatever props with its own projection. The pair was
 * type-checked where the kind declared it (as StepView<Source, P>); a table of views with
 * different props can only keep that they belong together.
 */
export type AnyStepView<Source> = StepView<Source, any>;

/** A view and its props, projected, ready to render as `<view {...props} />`. */
export interface Projected {
  readonly view: Component<any>;
  readonly props: Props;
}

/** Projects every view of a table once (at mount); the page then renders the current kind's pair. */
export function projectAll<Source, K extends string>(table: Readonly<Record<K, AnyStepView<Source>>>, source: Source): Record<K, Projected> {
  const out = {} as Record<K, Projected>;
  for (const kind of Object.keys(table) as K[]) out[kind] = { view: table[kind].view, props: table[kind].project(source) };
  return out;
}
