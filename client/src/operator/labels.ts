/** Small text helpers shared by the operator pages. Every string goes through `t()`. */
import type { Role } from '../../../shared/constants.ts';
import type { Step } from '../../../shared/domain/agenda.ts';
import type { SessionContent } from '../../../shared/domain/types.ts';
import type { AckError } from '../../../shared/protocol/ack.ts';
import type { PresenceStatus } from '../../../shared/protocol/events.ts';
import { i18n, t } from '../lib/i18n.svelte.ts';

/** A step's name on the console: its own title, or the kind's name (steps of older sessions have none). */
export function stepLabel(step: Step, content: SessionContent): string {
  switch (step.kind) {
    case 'topic': {
      const index = content.topics.findIndex((x) => x.id === step.payload.topicId);
      return t('facilitator.step.topic', { number: index + 1, title: content.topics[index]?.title ?? step.title });
    }
    default:
      return step.title || stepKindLabel(step.kind);
  }
}

/** The name of a kind of step ("Dia", "Groepen vormen" …). */
export function stepKindLabel(kind: Step['kind']): string {
  switch (kind) {
    case 'lobby':
      return t('facilitator.step.lobby');
    case 'content':
      return t('facilitator.step.content');
    case 'groups':
      return t('facilitator.step.groups');
    case 'topic':
      return t('facilitator.step.topicKind');
    case 'takeaway':
      return t('facilitator.step.takeaway');
    case 'feedback':
      return t('facilitator.step.feedback');
    case 'closing':
      return t('facilitator.step.closing');
  }
}

export function roleLabel(role: Role): string {
  switch (role) {
    case 'opdrachtgever':
      return t('facilitator.role.opdrachtgever');
    case 'opdrachtnemer':
      return t('facilitator.role.opdrachtnemer');
    case 'anders':
      return t('facilitator.role.anders');
  }
}

export function presenceLabel(status: PresenceStatus): string {
  switch (status) {
    case 'connected':
      return t('facilitator.presence.connected');
    case 'reconnecting':
      return t('facilitator.presence.reconnecting');
    case 'away':
      return t('facilitator.presence.away');
  }
}

/** The message of a refused command, in this device's language. */
export function ackMessage(ack: AckError): string {
  return ack.key ? t(ack.key, { detail: ack.error }) : t('error.internal');
}

// One formatter per language: making an Intl formatter costs far more than using one, and the
// projector formats a score per group per change (at 400 groups it was a sixth of its CPU).
const scoreFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "3,5" in Dutch, "3.5" in English; whole numbers without decimals, unless `oneDecimal`
 * (a mean of people's scores, "4,0", so a mean never reads as one person's score).
 */
export function formatScore(value: number, oneDecimal = false): string {
  const lang = i18n.lang;
  const key = oneDecimal ? `${lang}/1` : lang;
  let format = scoreFormats.get(key);
  if (!format) scoreFormats.set(key, (format = new Intl.NumberFormat(lang, { minimumFractionDigits: oneDecimal ? 1 : 0, maximumFractionDigits: 1 })));
  return format.format(value);
}

export function formatDate(ms: number): string {
  const lang = i18n.lang;
  let format = dateFormats.get(lang);
  if (!format) dateFormats.set(lang, (format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' })));
  return format.format(new Date(ms));
}
