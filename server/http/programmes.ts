/**
 * Programmes (issue 12): an organisation's organisators and beheerders group its sessions
 * into programmes and read across them, per characteristic, on a page and in Word and
 * Excel. Who may: server/accounts/permissions.ts ('programme.list', 'programme.read',
 * 'programme.manage'); a session put in a programme must be of the programme's
 * organisation. The figures are made in the export worker (never on the event loop) from
 * the sessions' states, with every small cell hidden before anything leaves it.
 */
import { Router, type Request, type Response } from 'express';
import type { ProgrammeDetail, ProgrammeSummary } from '../../shared/accounts/wire.ts';
import { amsterdamDay, parseFilters } from '../../shared/report/programme.ts';
import { fail, type Access, type Principal } from '../accounts/access.ts';
import { idParamSchema, programmeSchema } from '../accounts/schemas.ts';
import type { AccountStore, Programme } from '../accounts/types.ts';
import { describeIssues } from '../accounts/zodIssues.ts';
import type { ExportRunner } from '../export/exportRunner.ts';
import { PROGRAMME_FORMATS, type ProgrammeFormat } from '../export/fileTypes.ts';
import type { ProgrammeExportInput } from '../export/programme.ts';
import type { Logger } from '../logger.ts';
import { newId } from '../secrets.ts';
import type { SessionHub } from '../sessions/sessionHub.ts';
import type { SessionStore } from '../store/types.ts';

export interface ProgrammeRouteDeps {
  readonly accounts: AccountStore;
  readonly sessions: SessionStore;
  readonly hub: SessionHub;
  readonly access: Access;
  readonly exports: ExportRunner;
  readonly logger: Logger;
  readonly now: () => number;
}

export function createProgrammeRouter(deps: ProgrammeRouteDeps): Router {
  const { accounts, sessions, hub, access, exports, logger, now } = deps;
  const router = Router();

  const summary = async (p: Programme): Promise<ProgrammeSummary> => ({
    id: p.id,
    name: p.name,
    createdAt: p.createdAt,
    sessionIds: await accounts.listProgrammeSessions(p.id),
  });

  router.get('/programmes', access.require('programme.list'), async (_req, res) => {
    const { account } = res.locals.principal as Principal;
    const list = await accounts.listProgrammes(account.organisation);
    res.set('Cache-Control', 'no-store').json({ programmes: await Promise.all(list.map(summary)) });
  });

  router.post('/programmes', access.require('programme.list'), async (req, res) => {
    const { account } = res.locals.principal as Principal;
    const parsed = programmeSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'invalid', 'error.invalid', describeIssues(parsed.error));
    const programme: Programme = { id: newId(), organisation: account.organisation, name: parsed.data.name, createdBy: account.id, createdAt: now() };
    await accounts.createProgramme(programme);
    logger.info({ action: 'programme.create', programme: programme.id }, 'programme created');
    res.status(201).json({ programme: await summary(programme) });
  });

  router.get('/programmes/:id', async (req, res) => {
    const found = await access.programme(req, res, 'programme.read');
    if (!found) return;
    const list: ProgrammeDetail['sessions'][number][] = [];
    for (const sessionId of await accounts.listProgrammeSessions(found.programme.id)) {
      const [owner, record] = await Promise.all([accounts.getSessionOwner(sessionId), sessions.getSession(sessionId)]);
      if (!owner || !record) continue; // deleted meanwhile
      list.push({ sessionId, title: owner.title, code: record.code, createdAt: record.createdAt, endedAt: record.endedAt });
    }
    const body: ProgrammeDetail = { programme: await summary(found.programme), sessions: list };
    res.set('Cache-Control', 'no-store').json(body);
  });

  router.patch('/programmes/:id', async (req, res) => {
    const found = await access.programme(req, res, 'programme.manage');
    if (!found) return;
    const parsed = programmeSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'invalid', 'error.invalid', describeIssues(parsed.error));
    await accounts.renameProgramme(found.programme.id, parsed.data.name);
    res.json({ programme: await summary({ ...found.programme, name: parsed.data.name }) });
  });

  router.delete('/programmes/:id', async (req, res) => {
    const found = await access.programme(req, res, 'programme.manage');
    if (!found) return;
    await accounts.deleteProgramme(found.programme.id);
    logger.info({ action: 'programme.delete', programme: found.programme.id }, 'programme deleted');
    res.status(204).end();
  });

  /** The session of `:sessionId` for a programme change: 404 when unknown, 403 when of another organisation. */
  async function memberSession(req: Request, res: Response, principal: Principal): Promise<string | null> {
    const id = idParamSchema.safeParse(req.params.sessionId);
    const owner = id.success ? await accounts.getSessionOwner(id.data) : null;
    if (!owner || !(await sessions.getSession(owner.sessionId))) {
      fail(res, 404, 'not_found', 'error.notFound');
      return null;
    }
    if (!access.allows('programme.manage', principal, owner)) {
      fail(res, 403, 'forbidden', 'account.error.forbidden');
      return null;
    }
    return owner.sessionId;
  }

  router.put('/programmes/:id/sessions/:sessionId', async (req, res) => {
    const found = await access.programme(req, res, 'programme.manage');
    if (!found) return;
    const sessionId = await memberSession(req, res, found.principal);
    if (!sessionId) return;
    await accounts.addProgrammeSession(found.programme.id, sessionId, now());
    res.status(204).end();
  });

  router.delete('/programmes/:id/sessions/:sessionId', async (req, res) => {
    const found = await access.programme(req, res, 'programme.manage');
    if (!found) return;
    if (!(await accounts.removeProgrammeSession(found.programme.id, String(req.params.sessionId)))) return fail(res, 404, 'not_found', 'error.notFound');
    res.status(204).end();
  });

  /** The programme's sessions' states and the filters of the query, for the export worker. */
  async function exportInput(req: Request, programme: Programme): Promise<ProgrammeExportInput> {
    const list: ProgrammeExportInput['sessions'][number][] = [];
    for (const sessionId of await accounts.listProgrammeSessions(programme.id)) {
      const owner = await accounts.getSessionOwner(sessionId);
      // Only sessions of the programme's organisation (put in by its people, but checked again).
      if (!owner || owner.organisation !== programme.organisation) continue;
      // Reading only: with several servers, each session as stored, wherever it lives.
      const session = await hub.read(sessionId);
      if (session) list.push({ sessionId, title: session.state.content.title, state: session.state });
    }
    return { name: programme.name, filters: parseFilters(req.query as Record<string, unknown>), at: now(), sessions: list };
  }

  const files: readonly { path: string; format: ProgrammeFormat }[] = [
    { path: 'insight', format: 'json' },
    { path: 'report.docx', format: 'docx' },
    { path: 'export.xlsx', format: 'xlsx' },
  ];
  for (const { path, format } of files) {
    router.get(`/programmes/:id/${path}`, async (req, res) => {
      const found = await access.programme(req, res, 'programme.read');
      if (!found) return;
      const started = now();
      let body: Buffer;
      try {
        body = await exports.runProgramme(format, await exportInput(req, found.programme));
      } catch (err) {
        logger.error({ err, programme: found.programme.id, format }, 'programme export failed');
        return fail(res, 500, 'internal', 'error.exportFailed');
      }
      logger.info({ action: `programme.${format}`, programme: found.programme.id, bytes: body.length, ms: now() - started }, 'export');
      res.type(PROGRAMME_FORMATS[format].type).set('Cache-Control', 'no-store');
      if (format !== 'json') res.set('Content-Disposition', `attachment; filename="samenspraak-programma-${amsterdamDay(now())}.${PROGRAMME_FORMATS[format].ext}"`);
      res.send(body);
    });
  }

  return router;
}
