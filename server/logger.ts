/**
 * Structured logs (pino). Logs say what happened (action, session, result), never what
 * people typed, their names, or secrets: callers pass ids and codes only, and the
 * redaction list below is a second line of defence.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['secret', 'token', 'facilitatorSecret', 'screenSecret', 'text', 'name', 'organisation', '*.secret', '*.token', '*.text', '*.name'],
      censor: '[weggelaten]',
    },
  });
}

/** For tests: no output. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
