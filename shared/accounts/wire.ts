/** The shapes the account API answers with, shared by the server and the account pages. */
import type { Role } from './policy.ts';

export interface PublicAccount {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly organisation: string;
  readonly role: Role;
  readonly hasPassword: boolean;
  readonly disabled: boolean;
  readonly createdAt: number;
}

/** GET /api/auth/status */
export interface AuthStatus {
  readonly setupNeeded: boolean;
  readonly oidc: boolean;
}

/** One line of GET /api/sessions */
export interface OwnedSession {
  readonly sessionId: string;
  readonly title: string;
  readonly code: string;
  readonly createdAt: number;
  readonly endedAt: number | null;
  readonly ownerName: string;
  readonly mine: boolean;
}

export interface SessionList {
  readonly scope: 'own' | 'organisation';
  readonly sessions: readonly OwnedSession[];
}

/** GET /api/sessions/:id/links and POST …/links/rotate */
export interface SessionLinks {
  readonly facilitatorSecret: string;
  readonly screenSecret: string;
  readonly facilitatorPath: string;
  readonly screenPath: string;
}

/** One line of GET /api/sessions/:id/log: `name` for an account, else `actor` says which link. */
export interface LogEntry {
  readonly at: number;
  readonly action: string;
  readonly actor: 'account' | 'link:facilitator' | 'link:screen';
  readonly name: string | null;
}

export interface TokenInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
}

/** POST /api/tokens: the token itself, shown once. */
export interface NewToken extends TokenInfo {
  readonly token: string;
}

/** One line of GET /api/programmes (issue 12's programme insight). */
export interface ProgrammeSummary {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  /** The sessions in it, in the order added. */
  readonly sessionIds: readonly string[];
}

/** GET /api/programmes/:id: the programme and its sessions (the figures: GET …/insight). */
export interface ProgrammeDetail {
  readonly programme: ProgrammeSummary;
  readonly sessions: readonly { readonly sessionId: string; readonly title: string; readonly code: string; readonly createdAt: number; readonly endedAt: number | null }[];
}
