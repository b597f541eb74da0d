/** The lobby on the projector: how to join, how many joined, and who just came in. */
import type { ComponentProps } from 'svelte';
import type { ScreenStep } from '../screenSource.ts';
import ScreenLobby from './ScreenLobby.svelte';

export const lobbyScreen: ScreenStep<ComponentProps<typeof ScreenLobby>> = {
  view: ScreenLobby,
  joinCorner: false,
  project(src) {
    const names = $derived.by(() => {
      if (src.state.settings.screenLobbyNames === false) return [];
      // First names only, newest first: who just came in is who looks for their name.
      return src.active
        .slice()
        .sort((a, b) => b.joinedAt - a.joinedAt || b.id.localeCompare(a.id))
        .map((p) => ({ id: p.id, name: p.name.trim().split(/\s+/u)[0] ?? '' }));
    });
    return {
      get title() {
        return src.state.content.title;
      },
      get intro() {
        return src.state.content.intro;
      },
      get code() {
        return src.state.code;
      },
      get joinUrl() {
        return src.joinUrl;
      },
      get qrSrc() {
        return src.qrSrc;
      },
      get count() {
        return src.active.length;
      },
      get names() {
        return names;
      },
    };
  },
};
