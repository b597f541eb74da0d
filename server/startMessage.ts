/**
 * The lines printed when the server starts: where the facilitator opens the app, and every
 * address phones can use (PUBLIC_URL and each LAN address), so nobody hands out localhost.
 */
import type { Language } from '../shared/constants.ts';
import { addMessages, t } from '../shared/i18n/index.ts';
import { enAccount } from '../shared/i18n/en/account.ts';
import { enOperator } from '../shared/i18n/en/operator.ts';
import { nlAccount } from '../shared/i18n/nl/account.ts';
import { nlOperator } from '../shared/i18n/nl/operator.ts';
import { startAddresses, type Interfaces } from './http/joinAddresses.ts';

addMessages('nl', nlOperator);
addMessages('en', enOperator);
addMessages('nl', nlAccount);
addMessages('en', enAccount);

export function startMessage(opts: {
  interfaces: Interfaces;
  host: string;
  port: number;
  publicUrl: string | null;
  lang?: Language;
  /** While no account exists: the one-time code /setup asks for. */
  setupCode?: string | null;
  /** One node of several (NODE_ID): nobody should use this server's own addresses. */
  node?: string | null;
}): string[] {
  const lang = opts.lang ?? 'nl';
  const { urls, loopbackOnly } = startAddresses(opts);
  const wildcard = opts.host === '0.0.0.0' || opts.host === '::' || opts.host === '';
  const here = `http://${wildcard || loopbackOnly ? 'localhost' : opts.host}:${opts.port}`;
  const lines = [t(lang, 'server.start.running'), `  ${t(lang, 'server.start.here', { url: here })}`];
  if (opts.publicUrl) lines.push(`  ${t(lang, 'server.start.public', { url: opts.publicUrl })}`);
  if (opts.node) {
    // Its own LAN address would bypass the proxy, and with it the routing to a session's owner.
    lines.push(`  ${t(lang, 'server.start.node', { node: opts.node })}`);
    if (opts.setupCode) lines.push('', t(lang, 'server.start.setup', { url: opts.publicUrl ?? here, code: opts.setupCode }));
    return lines;
  }
  const lan = urls.filter((u) => u !== opts.publicUrl);
  if (lan.length > 0) {
    lines.push(`  ${t(lang, 'server.start.phones')}`, ...lan.map((u) => `    ${u}`));
    if (!opts.publicUrl) lines.push(`  ${t(lang, 'server.start.choice')}`);
  } else if (!opts.publicUrl) {
    lines.push(`  ${loopbackOnly ? t(lang, 'server.start.loopbackOnly', { host: opts.host }) : t(lang, 'server.start.noLan')}`);
  }
  if (opts.setupCode) lines.push('', t(lang, 'server.start.setup', { url: opts.publicUrl ?? here, code: opts.setupCode }));
  return lines;
}
