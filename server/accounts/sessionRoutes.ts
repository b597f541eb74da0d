/**
 * An account's view of sessions: the list ("Mijn sessies"), the console and screen links of
 * an owned session on any device, rotating those links, and a session's action log.
 */
import { Router } from 'express';
import { sessionListScope } from '../../shared/accounts/policy.ts';
import type { Logger } from '../logger.ts';
import type { SessionHub } from '../sessions/sessionHub.ts';
import type { SessionStore } from '../store/types.ts';
import type { Access, Principal } from './access.ts';
import type { ActionLog } from './actionLog.ts';
import { linkHashes, ownerLinks, withRotatedLinks } from './sessionLinks.ts';
import type { AccountStore } from './types.ts';

export interface SessionRouteDeps {
  readonly accounts: AccountStore;
  readonly sessions: SessionStore;
  readonly hub: SessionHub;
  readonly access: Access;
  readonly actions: ActionLog;
  readonly linkKey: Buffer;
  readonly logger: Logger;
  /** Disconnects every console and screen of the session (after a rotation they must prove the new link). */
  readonly dropOperators: (sessionId: string) => void;
}

const linksOf = (sessionId: string, facilitatorSecret: string, screenSecret: string) => ({
  facilitatorSecret,
  screenSecret,
  facilitatorPath: `/begeleider/${sessionId}#${facilitatorSecret}`,
  screenPath: `/scherm/${sessionId}#${screenSecret}`,
});

export function createSessionRouter(deps: SessionRouteDeps): Router {
  const { accounts, sessions, hub, access, actions, linkKey, logger } = deps;
  const router = Router();

  router.get('/sessions', access.require('session.list'), async (_req, res) => {
    const { account } = res.locals.principal as Principal;
    const scope = sessionListScope(account.role) === 'own' ? { accountId: account.id } : { organisation: account.organisation };
    const owned = await accounts.listOwnedSessions(scope);
    const names = new Map<string, string>();
    const list = [];
    for (const o of owned) {
      const record = await sessions.getSession(o.sessionId);
      if (!record) continue; // deleted meanwhile
      if (!names.has(o.accountId)) names.set(o.accountId, (await accounts.getAccount(o.accountId))?.name ?? '');
      list.push({
        sessionId: o.sessionId,
        title: o.title,
        code: record.code,
        createdAt: o.createdAt,
        endedAt: record.endedAt,
        ownerName: names.get(o.accountId)!,
        mine: o.accountId === account.id,
      });
    }
    res.set('Cache-Control', 'no-store').json({ scope: 'accountId' in scope ? 'own' : 'organisation', sessions: list });
  });

  router.get('/sessions/:id/links', async (req, res) => {
    const found = await access.session(req, res, 'session.links');
    if (!found || !found.owner) return;
    const links = ownerLinks(linkKey, found.session.record.id, found.owner.linkVersion);
    res.set('Cache-Control', 'no-store').json(linksOf(found.session.record.id, links.facilitatorSecret, links.screenSecret));
  });

  router.post('/sessions/:id/links/rotate', async (req, res) => {
    const found = await access.session(req, res, 'session.rotate');
    if (!found || !found.owner) return;
    const { session, owner } = found;
    const version = owner.linkVersion + 1;
    const links = ownerLinks(linkKey, session.record.id, version);
    const { facilitatorHash, screenHash } = linkHashes(links);
    await accounts.rotateLinks(session.record.id, version, facilitatorHash, screenHash);
    session.record = withRotatedLinks(session.record, { ...owner, linkVersion: version, facilitatorHash, screenHash });
    deps.dropOperators(session.record.id);
    actions.record(session.record.id, found.actor, 'links.rotate');
    logger.info({ action: 'links.rotate', session: session.record.id }, 'links rotated');
    res.set('Cache-Control', 'no-store').json(linksOf(session.record.id, links.facilitatorSecret, links.screenSecret));
  });

  router.get('/sessions/:id/log', async (req, res) => {
    const found = await access.session(req, res, 'session.log');
    if (!found) return;
    const entries = await actions.list(found.session.record.id);
    // Account ids become names for the reader (same organisation: they may know who it was).
    const names = new Map<string, string>();
    const out = [];
    for (const e of entries) {
      const accountId = e.actor.startsWith('account:') ? e.actor.slice('account:'.length) : null;
      if (accountId && !names.has(accountId)) names.set(accountId, (await accounts.getAccount(accountId))?.name ?? '');
      out.push({ at: e.at, action: e.action, actor: accountId ? 'account' : e.actor, name: accountId ? names.get(accountId)! : null });
    }
    res.set('Cache-Control', 'no-store').json({ entries: out });
  });

  return router;
}
