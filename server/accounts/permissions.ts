/**
 * Who may do what over HTTP: the one table. Every route that needs an identity names its
 * action here, and `decide` is the only judge (server/accounts/access.ts applies it).
 *
 * Subjects: an account (signed in by cookie or API token) with its role and organisation,
 * or a capability link (the facilitator link's secret as a Bearer token, for co-facilitators
 * and organizers' scripts). Joining as a participant needs nothing and is not listed.
 */
import type { Role } from '../../shared/accounts/policy.ts';

/** Who, relative to a session: its owner, an account of the owner's organisation with a role, or its facilitator link. */
type SessionWho = 'owner' | 'organisator' | 'beheerder' | 'facilitatorLink';

interface Rule {
  readonly routes: readonly string[];
  /** Any signed-in account. */
  readonly signedIn?: true;
  /** Only accounts with one of these roles. */
  readonly roles?: readonly Role[];
  /** Per session. */
  readonly session?: readonly SessionWho[];
  /** Per thing of an organisation (a programme): accounts of that organisation with one of these roles. */
  readonly organisation?: readonly Role[];
}

export const PERMISSIONS = {
  'session.create': { routes: ['POST /api/sessions'], signedIn: true },
  'session.list': { routes: ['GET /api/sessions'], signedIn: true },
  'session.download': {
    routes: [
      'GET /api/sessions/:id/export.csv',
      'GET /api/sessions/:id/export.xlsx',
      'GET /api/sessions/:id/report.md',
      'GET /api/sessions/:id/report.html',
      'GET /api/sessions/:id/report.docx',
    ],
    session: ['owner', 'organisator', 'beheerder', 'facilitatorLink'],
  },
  /** E-mail addresses of participants who asked for the work packages: those who run the session, not the organisation's readers. */
  'session.workPackages': { routes: ['GET /api/sessions/:id/work-packages.csv'], session: ['owner', 'beheerder', 'facilitatorLink'] },
  'session.delete': { routes: ['DELETE /api/sessions/:id'], session: ['owner', 'beheerder', 'facilitatorLink'] },
  /** The console and screen links, handed to the owner on any device. */
  'session.links': { routes: ['GET /api/sessions/:id/links'], session: ['owner', 'beheerder'] },
  'session.rotate': { routes: ['POST /api/sessions/:id/links/rotate'], session: ['owner', 'beheerder'] },
  'session.log': { routes: ['GET /api/sessions/:id/log'], session: ['owner', 'organisator', 'beheerder', 'facilitatorLink'] },
  'tokens.manage': { routes: ['GET /api/tokens', 'POST /api/tokens', 'DELETE /api/tokens/:id'], signedIn: true },
  /** Programmes (issue 12): an organisation's organisators and beheerders group its sessions and read across them. */
  'programme.list': { routes: ['GET /api/programmes', 'POST /api/programmes'], roles: ['organisator', 'beheerder'] },
  'programme.read': {
    routes: ['GET /api/programmes/:id', 'GET /api/programmes/:id/insight', 'GET /api/programmes/:id/report.docx', 'GET /api/programmes/:id/export.xlsx'],
    organisation: ['organisator', 'beheerder'],
  },
  /** Also asked of the session put in a programme: only a session of the same organisation. */
  'programme.manage': {
    routes: ['PATCH /api/programmes/:id', 'DELETE /api/programmes/:id', 'PUT /api/programmes/:id/sessions/:sessionId', 'DELETE /api/programmes/:id/sessions/:sessionId'],
    organisation: ['organisator', 'beheerder'],
  },
  'accounts.manage': {
    routes: ['GET /api/accounts', 'POST /api/accounts', 'POST /api/accounts/:id/disable', 'POST /api/accounts/:id/enable'],
    roles: ['beheerder'],
  },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;

export interface SubjectAccount {
  readonly id: string;
  readonly role: Role;
  readonly organisation: string;
}

/** Who asks: an account, the facilitator link of the session in question, or nobody. */
export type Subject = { readonly account: SubjectAccount } | { readonly facilitatorLink: true } | null;

export interface OwnerInfo {
  readonly accountId: string;
  readonly organisation: string;
}

export type Verdict = 'ok' | 'unauthorized' | 'forbidden';

/**
 * The verdict for `action` by `subject` (on the session whose owner is `owner`, for session
 * actions; null when nobody owns it, e.g. made before accounts existed; for a programme, its
 * maker and organisation). Pure.
 */
export function decide(action: Action, subject: Subject, owner: OwnerInfo | null = null): Verdict {
  const rule: Rule = PERMISSIONS[action];
  if (!subject) return 'unauthorized';
  if ('facilitatorLink' in subject) return rule.session?.includes('facilitatorLink') ? 'ok' : 'forbidden';
  const account = subject.account;
  if (rule.signedIn) return 'ok';
  if (rule.roles) return rule.roles.includes(account.role) ? 'ok' : 'forbidden';
  if (rule.session) {
    if (!owner) return 'forbidden';
    if (owner.accountId === account.id && rule.session.includes('owner')) return 'ok';
    const sameOrganisation = owner.organisation === account.organisation;
    if (sameOrganisation && account.role !== 'begeleider' && rule.session.includes(account.role)) return 'ok';
    return 'forbidden';
  }
  if (rule.organisation) {
    if (!owner) return 'forbidden';
    return owner.organisation === account.organisation && rule.organisation.includes(account.role) ? 'ok' : 'forbidden';
  }
  return 'forbidden';
}
