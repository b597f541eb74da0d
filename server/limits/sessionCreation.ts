/**
 * POST /api/sessions, per client address: at most `sessionsPerAddressPerHour` (a burst,
 * then that many per hour). Without it anyone could fill the disk at 40 sessions a second.
 * Mounted in front of the API router; req.ip follows TRUST_PROXY as everywhere else.
 */
import type { RequestHandler } from 'express';
import { t } from '../../shared/i18n/index.ts';
import type { AddressLimits } from './addressLimits.ts';

export function sessionsPerAddress(limits: AddressLimits, now: () => number): RequestHandler {
  return async (req, res, next) => {
    if (await limits.mayCreateSession(req.ip ?? 'unknown', now())) return next();
    res.set('Retry-After', '600');
    res.status(429).json({ ok: false, code: 'rate_limited', key: 'error.tooManySessions', error: t('nl', 'error.tooManySessions') });
  };
}
