/**
 * Managing accounts and personal API tokens: /api/accounts (beheerder: the organisation's
 * accounts, add, disable, enable) and /api/tokens (everyone: their own tokens).
 */
import { Router, type Response } from 'express';
import type { Logger } from '../logger.ts';
import { newId } from '../secrets.ts';
import { fail, type Access, type Principal } from './access.ts';
import { newApiToken, tokenHash } from './credentials.ts';
import { hashPassword } from './passwords.ts';
import { publicAccount } from './publicAccount.ts';
import { idParamSchema, newAccountSchema, newTokenSchema } from './schemas.ts';
import { describeIssues } from './zodIssues.ts';
import type { AccountStore } from './types.ts';

export interface AccountRouteDeps {
  readonly store: AccountStore;
  readonly access: Access;
  readonly now: () => number;
  readonly logger: Logger;
}

const me = (res: Response): Principal => res.locals.principal as Principal;

export function createAccountRouter(deps: AccountRouteDeps): Router {
  const { store, access, now, logger } = deps;
  const router = Router();
  const manage = access.require('accounts.manage');
  const tokens = access.require('tokens.manage');

  router.get('/accounts', manage, async (_req, res) => {
    const accounts = await store.listAccounts(me(res).account.organisation);
    res.set('Cache-Control', 'no-store').json({ accounts: accounts.map(publicAccount) });
  });

  router.post('/accounts', manage, async (req, res) => {
    const parsed = newAccountSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'invalid', 'error.invalid', describeIssues(parsed.error));
    const body = parsed.data;
    if (await store.findAccountByEmail(body.email)) return fail(res, 409, 'conflict', 'account.error.emailTaken');
    const account = {
      id: newId(),
      email: body.email,
      name: body.name,
      // A beheerder manages their own organisation's accounts.
      organisation: me(res).account.organisation,
      role: body.role,
      passwordHash: body.password ? await hashPassword(body.password) : null,
      createdAt: now(),
      disabledAt: null,
    };
    await store.createAccount(account);
    logger.info({ action: 'account.create', account: account.id, by: me(res).account.id }, 'account created');
    res.status(201).json({ account: publicAccount(account) });
  });

  for (const [path, disabled] of [['disable', true], ['enable', false]] as const) {
    router.post(`/accounts/:id/${path}`, manage, async (req, res) => {
      const id = idParamSchema.safeParse(req.params.id);
      const target = id.success ? await store.getAccount(id.data) : null;
      if (!target || target.organisation !== me(res).account.organisation) return fail(res, 404, 'not_found', 'error.notFound');
      // Nobody locks themselves out (and so the organisation keeps a beheerder).
      if (target.id === me(res).account.id) return fail(res, 409, 'conflict', 'account.error.notYourself');
      await store.setDisabled(target.id, disabled ? now() : null);
      // A disabled account's browsers are signed out at once (its tokens stop by the disabled check).
      if (disabled) await store.deleteLoginsOf(target.id);
      logger.info({ action: `account.${path}`, account: target.id, by: me(res).account.id }, `account ${path}d`);
      res.json({ account: publicAccount({ ...target, disabledAt: disabled ? now() : null }) });
    });
  }

  router.get('/tokens', tokens, async (_req, res) => {
    const list = await store.listApiTokens(me(res).account.id);
    res.set('Cache-Control', 'no-store').json({
      tokens: list.map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt })),
    });
  });

  /** The token itself is in this answer only: it is stored hashed and cannot be shown again. */
  router.post('/tokens', tokens, async (req, res) => {
    const parsed = newTokenSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'invalid', 'error.invalid', describeIssues(parsed.error));
    const token = newApiToken();
    const record = { id: newId(), accountId: me(res).account.id, name: parsed.data.name, tokenHash: tokenHash(token), createdAt: now(), lastUsedAt: null };
    await store.createApiToken(record);
    logger.info({ action: 'token.create', account: record.accountId }, 'API token created');
    res.status(201).set('Cache-Control', 'no-store').json({ id: record.id, name: record.name, createdAt: record.createdAt, token });
  });

  router.delete('/tokens/:id', tokens, async (req, res) => {
    const id = idParamSchema.safeParse(req.params.id);
    if (!id.success || !(await store.deleteApiToken(me(res).account.id, id.data))) return fail(res, 404, 'not_found', 'error.notFound');
    logger.info({ action: 'token.revoke', account: me(res).account.id }, 'API token revoked');
    res.status(204).end();
  });

  return router;
}
