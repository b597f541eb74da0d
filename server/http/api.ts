/**
 * The HTTP API: templates, session creation, join-code lookup, QR codes, downloads and
 * deletion. Creating a session needs a signed-in account (cookie or API token); the
 * session's endpoints take its owner's account or the facilitator secret as a Bearer
 * token, so organizers can script them with curl (see README). Who may do what is decided
 * in one place: server/accounts/permissions.ts.
 */
import { Router, type Request, type Response } from 'express';
import QRCode from 'qrcode';
import { DEFAULT_TOPIC_MINUTES } from '../../shared/constants.ts';
import type { SessionSettings } from '../../shared/domain/types.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import type { ErrorCode } from '../../shared/protocol/ack.ts';
import { createSessionSchema, joinCodeSchema } from '../../shared/protocol/schemas.ts';
import { TEMPLATES, findTemplate } from '../../shared/templates.ts';
import { alignTopics } from '../../shared/domain/agenda.ts';
import type { ExportRunner } from '../export/exportRunner.ts';
import { workPackagesCsv } from '../export/workPackagesCsv.ts';
import { EXPORT_FORMATS, REPORT_HTML_CSP, type ExportFormat } from '../export/fileTypes.ts';
import { socketPath } from '../cluster/paths.ts';
import type { Logger } from '../logger.ts';
import { chosenBase, type JoinAddresses } from './joinAddresses.ts';
import type { JoinCodeGuard } from '../realtime/rateLimit.ts';
import type { Accounts } from '../accounts/index.ts';
import type { Principal } from '../accounts/access.ts';
import type { LiveSession, SessionHub } from '../sessions/sessionHub.ts';
import type { SessionStore } from '../store/types.ts';

export interface ApiDeps {
  readonly hub: SessionHub;
  readonly store: SessionStore;
  readonly logger: Logger;
  /** The addresses phones can use to reach the app, as seen from this request (join links, QR codes). */
  readonly joinAddresses: (req: Request) => JoinAddresses;
  /** Deletes a session everywhere (store, memory, connected clients). */
  readonly deleteSession: (sessionId: string) => Promise<void>;
  /** Failed join-code lookups per client address (shared with the socket join). */
  readonly joinCodes: JoinCodeGuard;
  readonly now: () => number;
  /** Writes report files in a worker thread (a download never stalls the room). */
  readonly exports: ExportRunner;
  /** Who may do what, and the owner and action log of each session. */
  readonly accounts: Accounts;
}

function fail(res: Response, status: number, code: ErrorCode, key: MessageKey, detail?: string): void {
  res.status(status).json({ ok: false, code, key, error: t('nl', key, detail ? { detail } : undefined) });
}

export const joinPath = (code: string) => `/j/${code}`;

/** Files named after the session, safe for every file system. */
function downloadName(session: LiveSession, ext: string): string {
  const day = new Date(session.state.createdAt).toISOString().slice(0, 10);
  return `samenspraak-${session.state.code}-${day}.${ext}`;
}

const QR_CACHE_SIZE = 500;

export function createApiRouter(deps: ApiDeps): Router {
  const { hub, store, logger } = deps;
  const api = Router();
  /** QR images by the link they encode (the oldest dropped first): making one costs milliseconds of CPU. */
  const qrCache = new Map<string, string>();

  api.get('/templates', (_req, res) => {
    res.json({ templates: TEMPLATES });
  });

  api.post('/sessions', deps.accounts.access.require('session.create'), async (req, res) => {
    const principal = res.locals.principal as Principal;
    if (!(await deps.accounts.mayCreateSession(principal))) return fail(res, 429, 'rate_limited', 'error.tooManySessionsToday');
    const parsed = createSessionSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'invalid', 'error.invalid', parsed.error.issues[0]?.message);
    const template = findTemplate(parsed.data.templateId);
    if (!template) return fail(res, 404, 'not_found', 'error.notFound');
    const settings: SessionSettings = {
      targetGroupSize: 5,
      lateJoiners: 'smallest',
      locked: false,
      language: parsed.data.language ?? 'nl',
      topicMinutes: DEFAULT_TOPIC_MINUTES,
      maxParticipants: null,
      // Scores per group unless the facilitator chose scores per person ("scores per persoon").
      scoring: parsed.data.scoring ?? 'group',
    };
    const content = parsed.data.content ?? template.content;
    // The template's programme, its topic steps fitted to the (possibly edited) topics.
    const steps = alignTopics(template.steps, content.topics, settings.topicMinutes);
    // Its facilitator secret is derived (accounts/sessionLinks.ts), so the owner can open it on any device.
    const created = await hub.create(content, settings, steps, deps.accounts.facilitatorSecretFor);
    await deps.accounts.sessionCreated(principal, created.record.id, content.title);
    res.status(201).json({
      sessionId: created.record.id,
      code: created.record.code,
      facilitatorSecret: created.facilitatorSecret,
      screenSecret: created.screenSecret,
      joinUrl: deps.joinAddresses(req).base + joinPath(created.record.code),
    });
  });

  /** Lets a phone check a code before asking for a name. Says no more than title and lock state. */
  api.get('/join/:code', async (req, res) => {
    const session = await lookUpCode(req, res);
    if (!session) return;
    // Several servers: where the phone's socket should go, so its join is not sent on.
    const owner = await hub.ownerPath(session.record.id);
    res.json({
      sessionId: session.record.id,
      title: session.state.content.title,
      locked: session.state.settings.locked,
      ended: session.state.endedAt !== null,
      language: session.state.settings.language,
      ...(owner ? { socketPath: socketPath(owner) } : {}),
    });
  });

  /** The join address phones will use and the others a facilitator may choose (the console shows them). */
  api.get('/join-addresses', (req, res) => {
    res.set('Cache-Control', 'no-store').json(deps.joinAddresses(req));
  });

  /**
   * The QR code of a session that phones can still join (not locked, not ended), under the
   * same lookup limits as the code itself. `?base=` picks one of the candidate addresses
   * (anything else is ignored: never a link to elsewhere). Made once per address and code.
   */
  api.get('/join/:code/qr.svg', async (req, res) => {
    const session = await lookUpCode(req, res);
    if (!session) return;
    if (session.state.settings.locked || session.state.endedAt !== null) return fail(res, 404, 'not_found', 'error.codeNotFound');
    const link = chosenBase(deps.joinAddresses(req), req.query.base) + joinPath(session.record.code);
    let svg = qrCache.get(link);
    if (!svg) {
      svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      if (qrCache.size >= QR_CACHE_SIZE) qrCache.delete(qrCache.keys().next().value!);
      qrCache.set(link, svg);
    }
    // Not kept for long, and not by shared caches: the LAN address changes when the laptop moves.
    res.type('image/svg+xml').set('Cache-Control', 'private, no-cache').send(svg);
  });

  /** The session behind `:code`, or null after answering 404 or 429 (see JoinCodeGuard). */
  async function lookUpCode(req: Request, res: Response): Promise<LiveSession | null> {
    const address = req.ip ?? 'unknown';
    if (!(await deps.joinCodes.mayLookUp(address, deps.now()))) {
      fail(res, 429, 'rate_limited', 'error.tooManyCodes');
      return null;
    }
    const code = joinCodeSchema.safeParse(req.params.code);
    const record = code.success ? await hub.recordWithCode(code.data) : null;
    // Reading only (the join page's facts, the QR code): any node may answer.
    const session = record && (await hub.read(record.id));
    if (session) return session;
    if (await deps.joinCodes.wrongCode(address, deps.now())) fail(res, 429, 'rate_limited', 'error.tooManyCodes');
    else fail(res, 404, 'not_found', 'error.codeNotFound');
    return null;
  }

  // Downloads: every format from the same results, written off the event loop (exportRunner.ts).
  // GET …/export.csv is plain RFC 4180 (','); ?flavour=excel-nl gives Dutch Excel's ';' with a BOM.
  const downloads: readonly { path: string; format: (req: Request) => ExportFormat }[] = [
    { path: 'report.docx', format: () => 'docx' },
    { path: 'report.html', format: () => 'html' },
    { path: 'report.md', format: () => 'md' },
    { path: 'export.xlsx', format: () => 'xlsx' },
    { path: 'export.csv', format: (req) => (req.query.flavour === 'excel-nl' ? 'csv-excel-nl' : 'csv') },
  ];
  for (const { path, format: formatOf } of downloads) {
    api.get(`/sessions/:id/${path}`, async (req, res) => {
      const found = await deps.accounts.access.session(req, res, 'session.download');
      if (!found) return;
      const { session } = found;
      const format = formatOf(req);
      deps.accounts.actions.record(session.record.id, found.actor, `export.${format}`);
      const spec = EXPORT_FORMATS[format];
      const started = deps.now();
      let body: Buffer;
      try {
        body = await deps.exports.run(format, session.record.id, session.state);
      } catch (err) {
        logger.error({ err, session: session.record.id, format }, 'export failed');
        fail(res, 500, 'internal', 'error.exportFailed');
        return;
      }
      logger.info({ action: `export.${format}`, session: session.record.id, bytes: body.length, ms: deps.now() - started }, 'export');
      res
        .type(spec.type)
        .set('Content-Disposition', `attachment; filename="${downloadName(session, spec.ext)}"`)
        .set('Cache-Control', 'no-store');
      if (format === 'html') res.set('Content-Security-Policy', REPORT_HTML_CSP);
      res.send(body);
    });
  }

  // The addresses of those who asked for the work packages: apart from the results, for the
  // facilitator only (never in the other downloads). Dutch Excel's flavour: ';' and a BOM.
  api.get('/sessions/:id/work-packages.csv', async (req, res) => {
    const found = await deps.accounts.access.session(req, res, 'session.workPackages');
    if (!found) return;
    const { session } = found;
    deps.accounts.actions.record(session.record.id, found.actor, 'export.work-packages');
    const requests = await store.listWorkPackageRequests(session.record.id);
    logger.info({ action: 'export.work-packages', session: session.record.id, count: requests.length }, 'export');
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${downloadName(session, 'csv').replace(/\.csv$/, '-werkpakketten.csv')}"`)
      .set('Cache-Control', 'no-store')
      .send(workPackagesCsv(requests));
  });

  api.delete('/sessions/:id', async (req, res) => {
    const found = await deps.accounts.access.session(req, res, 'session.delete');
    if (!found) return;
    const { session } = found;
    await deps.deleteSession(session.record.id);
    logger.info({ action: 'session.delete', session: session.record.id }, 'session deleted');
    res.status(204).end();
  });

  return api;
}
