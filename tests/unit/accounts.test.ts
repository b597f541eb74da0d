/** The pure rules of accounts: password policy, the permission table, the login throttle, SSO e-mail checks. */
import { describe, expect, it } from 'vitest';
import { normaliseEmail, passwordProblem, sessionListScope } from '../../shared/accounts/policy.ts';
import { decide, PERMISSIONS, type Action } from '../../server/accounts/permissions.ts';
import { LoginThrottle, LOGIN_LIMITS } from '../../server/accounts/throttle.ts';
import { emailFromClaims, isLoopbackIssuer } from '../../server/accounts/oidcPolicy.ts';
import { hashPassword, verifyPassword } from '../../server/accounts/passwords.ts';

describe('password policy', () => {
  it('wants at least 12 characters as a person counts them, and at most 256', () => {
    expect(passwordProblem('elf tekens!')).toBe('tooShort');
    expect(passwordProblem('twaalf teken')).toBeNull();
    // Five emoji are 10 UTF-16 units but 5 characters.
    expect(passwordProblem('🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂')).toBe('tooShort');
    expect(passwordProblem('x'.repeat(257))).toBe('tooLong');
    expect(normaliseEmail('  Anna@Gemeente.NL ')).toBe('anna@gemeente.nl');
  });
});

describe('password hashes', () => {
  it('are argon2id, salted, and verify only the right password', async () => {
    const hash = await hashPassword('een goed wachtwoord');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(hash).not.toBe(await hashPassword('een goed wachtwoord'));
    expect(await verifyPassword(hash, 'een goed wachtwoord')).toBe(true);
    expect(await verifyPassword(hash, 'een goed wachtwoorD')).toBe(false);
    expect(await verifyPassword('kapot', 'een goed wachtwoord')).toBe(false);
  }, 60_000);
});

describe('the permission table', () => {
  const account = (role: 'beheerder' | 'organisator' | 'begeleider', id = 'me', organisation = 'A') => ({ account: { id, role, organisation } });
  const mine = { accountId: 'me', organisation: 'A' };
  const colleagues = { accountId: 'other', organisation: 'A' };
  const elsewhere = { accountId: 'other', organisation: 'B' };

  it('asks for a sign-in before anything else', () => {
    for (const action of Object.keys(PERMISSIONS) as Action[]) expect(decide(action, null, mine)).toBe('unauthorized');
  });

  it('lets any account create and list sessions and manage its tokens; only a beheerder manages accounts', () => {
    for (const role of ['beheerder', 'organisator', 'begeleider'] as const) {
      expect(decide('session.create', account(role))).toBe('ok');
      expect(decide('session.list', account(role))).toBe('ok');
      expect(decide('tokens.manage', account(role))).toBe('ok');
      expect(decide('accounts.manage', account(role))).toBe(role === 'beheerder' ? 'ok' : 'forbidden');
    }
    expect(decide('session.create', { facilitatorLink: true })).toBe('forbidden');
  });

  it('per session: the owner everything; the organisation’s organisator reads; its beheerder also controls; other organisations nothing', () => {
    const table = (subject: Parameters<typeof decide>[1], owner: typeof mine) =>
      (['session.download', 'session.log', 'session.links', 'session.rotate', 'session.delete'] as const).map((a) => decide(a, subject, owner));
    expect(table(account('begeleider'), mine)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(table(account('begeleider'), colleagues)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden']);
    expect(table(account('organisator'), colleagues)).toEqual(['ok', 'ok', 'forbidden', 'forbidden', 'forbidden']);
    expect(table(account('beheerder'), colleagues)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(table(account('beheerder'), elsewhere)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden']);
    // The facilitator link (co-facilitators, scripts) downloads, reads the log and deletes, but gets no links and rotates nothing.
    expect(table({ facilitatorLink: true }, mine)).toEqual(['ok', 'ok', 'forbidden', 'forbidden', 'ok']);
    // A session nobody owns (made before accounts): no account reaches it.
    expect(decide('session.download', account('beheerder'), null)).toBe('forbidden');
  });

  it('programmes: organisators and beheerders of the programme’s own organisation; never a begeleider, never another organisation', () => {
    const table = (subject: Parameters<typeof decide>[1], owner: typeof mine | null) =>
      (['programme.list', 'programme.read', 'programme.manage'] as const).map((a) => decide(a, subject, owner));
    expect(table(account('organisator'), colleagues)).toEqual(['ok', 'ok', 'ok']);
    expect(table(account('beheerder'), colleagues)).toEqual(['ok', 'ok', 'ok']);
    expect(table(account('begeleider'), mine)).toEqual(['forbidden', 'forbidden', 'forbidden']);
    expect(table(account('organisator'), elsewhere)).toEqual(['ok', 'forbidden', 'forbidden']);
    expect(table(account('organisator'), null)).toEqual(['ok', 'forbidden', 'forbidden']);
    expect(table({ facilitatorLink: true }, mine)).toEqual(['forbidden', 'forbidden', 'forbidden']);
  });

  it('lists a begeleider’s own sessions, an organisator’s and a beheerder’s whole organisation', () => {
    expect(sessionListScope('begeleider')).toBe('own');
    expect(sessionListScope('organisator')).toBe('organisation');
    expect(sessionListScope('beheerder')).toBe('organisation');
  });
});

describe('the login throttle', () => {
  const t0 = 1_000_000;

  it('gives each address a few free tries per account, then doubles the wait', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < LOGIN_LIMITS.freeFailures; i++) {
      expect(throttle.check('1.1.1.1', 'anna', t0 + i).ok).toBe(true);
      throttle.failed('1.1.1.1', 'anna', t0 + i);
    }
    const last = t0 + LOGIN_LIMITS.freeFailures - 1;
    expect(throttle.check('1.1.1.1', 'anna', last + 1)).toEqual({ ok: false, retryAfterMs: LOGIN_LIMITS.baseDelayMs - 1 });
    expect(throttle.check('1.1.1.1', 'anna', last + LOGIN_LIMITS.baseDelayMs).ok).toBe(true);
    throttle.failed('1.1.1.1', 'anna', last + LOGIN_LIMITS.baseDelayMs);
    expect(throttle.check('1.1.1.1', 'anna', last + 2 * LOGIN_LIMITS.baseDelayMs).ok).toBe(false);
    // Another address, and another account from the same address, are not slowed down.
    expect(throttle.check('2.2.2.2', 'anna', last + 1).ok).toBe(true);
    expect(throttle.check('1.1.1.1', 'bert', last + 1).ok).toBe(true);
    // A correct password clears the record.
    throttle.succeeded('1.1.1.1', 'anna');
    expect(throttle.check('1.1.1.1', 'anna', last + 2).ok).toBe(true);
  });

  it('spaces out every address on an account under attack, but lets a new address try at once', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < LOGIN_LIMITS.accountAttack; i++) throttle.failed(`10.0.${i >> 8}.${i & 255}`, 'anna', t0 + i);
    const now = t0 + LOGIN_LIMITS.accountAttack;
    expect(throttle.check('192.0.2.1', 'anna', now).ok).toBe(true);
    expect(throttle.check('192.0.2.1', 'anna', now + 1).ok).toBe(false);
    expect(throttle.check('192.0.2.1', 'anna', now + LOGIN_LIMITS.accountSpacingMs).ok).toBe(true);
    expect(throttle.check('198.51.100.1', 'anna', now + 1).ok).toBe(true);
  });

  it('caps wrong passwords per address over all accounts', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) throttle.failed('1.1.1.1', `user${i}`, t0);
    expect(throttle.check('1.1.1.1', 'someone-new', t0 + 1).ok).toBe(false);
    expect(throttle.check('1.1.1.1', 'someone-new', t0 + LOGIN_LIMITS.windowMs).ok).toBe(true);
  });
});

describe('single sign-on e-mail rules', () => {
  it('wants a verified address of an allowed domain', () => {
    const allowed = ['gemeente.nl'];
    expect(emailFromClaims({ email: 'Anna@Gemeente.nl', email_verified: true }, allowed)).toEqual({ ok: true, email: 'anna@gemeente.nl', domain: 'gemeente.nl' });
    expect(emailFromClaims({ email: 'anna@gemeente.nl' }, allowed).ok).toBe(true);
    expect(emailFromClaims({ email: 'anna@gemeente.nl', email_verified: false }, allowed)).toEqual({ ok: false, reason: 'unverified' });
    expect(emailFromClaims({ email: 'anna@elders.nl' }, allowed)).toEqual({ ok: false, reason: 'domain' });
    expect(emailFromClaims({ email: 'anna@sub.gemeente.nl' }, allowed)).toEqual({ ok: false, reason: 'domain' });
    expect(emailFromClaims({}, allowed)).toEqual({ ok: false, reason: 'noEmail' });
  });

  it('allows plain http only for an issuer on this machine', () => {
    expect(isLoopbackIssuer(new URL('http://127.0.0.1:4000'))).toBe(true);
    expect(isLoopbackIssuer(new URL('http://localhost:4000'))).toBe(true);
    expect(isLoopbackIssuer(new URL('http://[::1]:4000'))).toBe(true);
    expect(isLoopbackIssuer(new URL('http://login.gemeente.nl'))).toBe(false);
    expect(isLoopbackIssuer(new URL('http://127.0.0.1.evil.example'))).toBe(false);
  });
});
