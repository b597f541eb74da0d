/**
 * Group formation as pure functions: no I/O, no clock, no Math.random. The only
 * randomness is a small seeded PRNG (string hash -> mulberry32), so the same
 * participants and seed always give the same groups.
 *
 * Definitions used throughout:
 * - Organisations are compared after `trim()` and `toLowerCase()`. An empty
 *   (or whitespace-only) organisation is "unknown": such people are never
 *   treated as colleagues of anyone.
 * - A role's proportional share in a group of size s is s * roleCount / n.
 */
import type { Role } from '../constants.ts';
import { LIMITS, ROLES } from '../constants.ts';

export interface GroupingCandidate {
  readonly id: string;
  readonly role: Role;
  readonly organisation: string;
}

export interface SizeRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The facilitator picks a target size t (default 5); groups then have t-1..t members.
 *
 * t must be an integer in LIMITS.groupSizeMin..LIMITS.groupSizeMax (2..12), otherwise
 * a RangeError is thrown. The one exception to "t-1..t" is t = 2, which gives
 * {min 2, max 2}: groups of 2 are pairs. With an odd number of people
 * `planGroupSizes` then makes exactly one trio (a group of 1 is never allowed).
 */
export function sizeRangeFor(targetSize: number): SizeRange {
  if (
    !Number.isInteger(targetSize) ||
    targetSize < LIMITS.groupSizeMin ||
    targetSize > LIMITS.groupSizeMax
  ) {
    throw new RangeError(
      `targetSize must be an integer from ${LIMITS.groupSizeMin} to ${LIMITS.groupSizeMax}, got ${targetSize}`,
    );
  }
  return targetSize === 2 ? { min: 2, max: 2 } : { min: targetSize - 1, max: targetSize };
}

/**
 * Sizes of the groups for n people, largest first, summing to n.
 *
 * Exact rule:
 * 1. n = 0 gives no groups, n = 1 gives [1]. For n >= 2 no group has 1 member.
 * 2. Sizes always differ by at most 1: for a group count g the sizes are
 *    n mod g groups of floor(n/g)+1 followed by the rest of floor(n/g).
 * 3. Among the group counts g (with floor(n/g) >= 2), pick the one that minimises
 *    the total distance outside the range, i.e. the sum over groups of
 *    max(0, min - size) + max(0, size - max). (Because this distance is convex in
 *    the size, the even split is optimal for each g, so this is the minimum over
 *    all partitions of n without groups of 1.)
 * 4. Ties: fewer groups below min, then fewer groups (bigger groups, closer to the
 *    target the facilitator picked; e.g. 20 with 4-5 -> 5,5,5,5 rather than 4x5).
 *
 * Consequently every group is within the range whenever n can be written as a sum
 * of sizes in the range (with 4-5: n = 4, 5, 8, 9, 10 and every n >= 12). With
 * 4-5 the other small n give: 1 -> [1], 2 -> [2], 3 -> [3], 6 -> [6], 7 -> [4,3],
 * 11 -> [6,5] (6,5 and 4,4,3 are both 1 away; 6,5 has no group below min).
 */
export function planGroupSizes(n: number, range: SizeRange): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const { min, max } = range;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) {
    throw new RangeError(`invalid size range ${min}..${max}`);
  }
  if (n === 0) return [];
  if (n === 1) return [1];

  const outside = (size: number): number => (size < min ? min - size : size > max ? size - max : 0);
  let bestGroups = 1;
  let bestDistance = Infinity;
  let bestBelow = Infinity;
  for (let g = 1; g <= Math.floor(n / 2); g++) {
    const small = Math.floor(n / g);
    const large = small + 1;
    const largeCount = n % g;
    const smallCount = g - largeCount;
    const distance = largeCount * outside(large) + smallCount * outside(small);
    const below = (large < min ? largeCount : 0) + (small < min ? smallCount : 0);
    // g only grows, so "fewer groups" is the implicit last tie-break.
    if (distance < bestDistance || (distance === bestDistance && below < bestBelow)) {
      bestGroups = g;
      bestDistance = distance;
      bestBelow = below;
    }
  }
  const small = Math.floor(n / bestGroups);
  const largeCount = n % bestGroups;
  const sizes: number[] = [];
  for (let i = 0; i < bestGroups; i++) sizes.push(i < largeCount ? small + 1 : small);
  return sizes;
}

/**
 * Deterministic for a given seed: returns the groups as arrays of candidate ids, group 0 first.
 *
 * - Group j has planGroupSizes(n, sizeRangeFor(targetSize))[j] members (largest first);
 *   ids within a group are sorted. Throws a RangeError for an invalid targetSize or
 *   duplicate ids.
 * - The result depends only on the set of candidates and the seed: they are sorted by
 *   id and then shuffled with the seeded PRNG.
 * - Roles: every group holds, for every role, floor or ceil of its proportional share
 *   (always achievable; the quotas are chosen by exact rounding). The rounding also
 *   prefers quotas that differ by at most 1 between groups for every role; such a
 *   rounding was found for every role mix and target size with n <= 160 (exhaustive
 *   check) and in random samples up to 3000, and there is a fallback if none exists.
 * - Organisations: members of one organisation are dealt over the groups like cards
 *   (fewest colleagues first, then most room left for the role). With those balanced
 *   quotas, an organisation of k people whose members all have one role never has more
 *   than ceil(k/g) of them in one group. Organisations spanning several roles are
 *   placed next, then everybody else; finally same-role swaps that never push anybody
 *   else over their own ceil(k/g) repair what is left. For multi-role organisations
 *   this is best effort (in random tests about 1 in 15,000 still has ceil(k/g) + 1).
 */
export function formGroups(
  people: readonly GroupingCandidate[],
  targetSize: number,
  seed: string,
): string[][] {
  const range = sizeRangeFor(targetSize);
  const n = people.length;
  if (n === 0) return [];

  const sorted = [...people].sort((a, b) => compareStrings(a.id, b.id));
  for (let i = 1; i < n; i++) {
    if (sorted[i]!.id === sorted[i - 1]!.id) throw new RangeError(`duplicate candidate id ${sorted[i]!.id}`);
  }
  const random = mulberry32(hashString(seed));
  shuffleInPlace(sorted, random);

  const sizes = planGroupSizes(n, range);
  const g = sizes.length;
  const roleCount = ROLES.length;

  const roleOf = new Int32Array(n);
  const roleTotals = new Array<number>(roleCount).fill(0);
  for (let i = 0; i < n; i++) {
    const r = roleIndex(sorted[i]!.role);
    roleOf[i] = r;
    roleTotals[r]!++;
  }

  // remaining[j * roleCount + r]: how many more people of role r group j takes.
  const remaining = roleQuotas(sizes, roleTotals, random);

  // Organisations: orgOf[i] is an index into orgMembers, or -1 when unknown.
  const orgOf = new Int32Array(n).fill(-1);
  const orgMembers: number[][] = [];
  const orgByKey = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = organisationKey(sorted[i]!.organisation);
    if (key === null) continue;
    let o = orgByKey.get(key);
    if (o === undefined) {
      o = orgMembers.length;
      orgByKey.set(key, o);
      orgMembers.push([]);
    }
    orgOf[i] = o;
    orgMembers[o]!.push(i);
  }
  const orgCap = orgMembers.map((members) => Math.ceil(members.length / g));

  // Placement order: (A) organisations of >= 2 people who all share one role,
  // (B) organisations of >= 2 people with several roles, (C) everybody else.
  // Within A and B, largest organisation first (stable, so ties follow the shuffle).
  const singleRole: number[] = [];
  const multiRole: number[] = [];
  for (let o = 0; o < orgMembers.length; o++) {
    const members = orgMembers[o]!;
    if (members.length < 2) continue;
    const r0 = roleOf[members[0]!]!;
    (members.every((i) => roleOf[i] === r0) ? singleRole : multiRole).push(o);
  }
  const bySizeDesc = (a: number, b: number): number => orgMembers[b]!.length - orgMembers[a]!.length;
  singleRole.sort(bySizeDesc);
  multiRole.sort(bySizeDesc);

  const groupOf = new Int32Array(n).fill(-1);
  const orgInGroup = new Int32Array(g); // scratch: members of the current organisation per group
  const cursor = new Int32Array(roleCount); // per role: where the next scan starts (round-robin)

  /**
   * Put person i (role r) into the group with remaining room for r that has the fewest
   * members of the current organisation, then the most room left for r, then the first
   * one from the role's cursor onwards.
   */
  const place = (i: number): void => {
    const r = roleOf[i]!;
    const start = cursor[r]!;
    let best = -1;
    let bestOrg = 0;
    let bestRoom = 0;
    for (let step = 0; step < g; step++) {
      const j = start + step < g ? start + step : start + step - g;
      const room = remaining[j * roleCount + r]!;
      if (room === 0) continue;
      const inOrg = orgInGroup[j]!;
      if (best === -1 || inOrg < bestOrg || (inOrg === bestOrg && room > bestRoom)) {
        best = j;
        bestOrg = inOrg;
        bestRoom = room;
      }
    }
    if (best === -1) throw new Error('grouping: role quotas exhausted (internal error)');
    remaining[best * roleCount + r]!--;
    orgInGroup[best]!++;
    groupOf[i] = best;
    cursor[r] = best + 1 === g ? 0 : best + 1;
  };

  const placeOrganisation = (o: number): void => {
    const members = orgMembers[o]!;
    // Several roles: keep each role's members together so they are dealt round-robin.
    const ordered = [...members].sort((a, b) => roleOf[a]! - roleOf[b]!);
    for (const i of ordered) place(i);
    for (const i of members) orgInGroup[groupOf[i]!] = 0;
  };

  for (const o of singleRole) placeOrganisation(o);
  for (const o of multiRole) placeOrganisation(o);
  for (let i = 0; i < n; i++) if (groupOf[i] === -1) place(i); // orgInGroup is all zero here

  const groups: number[][] = Array.from({ length: g }, () => []);
  for (let i = 0; i < n; i++) groups[groupOf[i]!]!.push(i);

  repairOrganisationSpread(groups, groupOf, roleOf, orgOf, orgMembers, orgCap);

  return groups.map((members) => members.map((i) => sorted[i]!.id).sort(compareStrings));
}

/**
 * Which existing group a late joiner should go into (index into `groups`), or null when there are no groups.
 *
 * The smallest group; ties are broken by the fewest members with the newcomer's role,
 * then the fewest members of the newcomer's organisation (trimmed, case-insensitive;
 * an empty organisation matches nobody), then the lowest index.
 */
export function chooseGroupForLateJoiner(
  groups: readonly (readonly GroupingCandidate[])[],
  newcomer: GroupingCandidate,
): number | null {
  if (groups.length === 0) return null;
  const orgKey = organisationKey(newcomer.organisation);
  let best = 0;
  let bestSize = Infinity;
  let bestRole = Infinity;
  let bestOrg = Infinity;
  for (let index = 0; index < groups.length; index++) {
    const group = groups[index]!;
    let sameRole = 0;
    let sameOrg = 0;
    for (const member of group) {
      if (member.role === newcomer.role) sameRole++;
      if (orgKey !== null && organisationKey(member.organisation) === orgKey) sameOrg++;
    }
    const size = group.length;
    if (
      size < bestSize ||
      (size === bestSize && (sameRole < bestRole || (sameRole === bestRole && sameOrg < bestOrg)))
    ) {
      best = index;
      bestSize = size;
      bestRole = sameRole;
      bestOrg = sameOrg;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------
// Internals

/** Trimmed, lower-cased organisation, or null when it is empty (unknown). */
function organisationKey(organisation: string): string | null {
  const key = organisation.trim().toLowerCase();
  return key === '' ? null : key;
}

function roleIndex(role: Role): number {
  const index = ROLES.indexOf(role);
  return index === -1 ? ROLES.length - 1 : index;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 32-bit FNV-1a over UTF-16 code units, with a final avalanche. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: returns floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
}

/**
 * Role quotas per group as a flat array (group-major): quota[j * R + r] is
 * floor or ceil of sizes[j] * totals[r] / n, each group's quotas sum to its size and
 * each role's quotas sum to its total (controlled rounding; always possible).
 *
 * Groups of equal size are interchangeable, and sizes take at most two values q and
 * q+1, so the rounding reduces to choosing, per role r, how many of the small groups
 * (ySmall[r]) and of the large groups get the "+1". For a role whose share crosses
 * an integer between the small and the large groups, the quotas over all groups
 * differ by at most 1 iff either no large group or every small group gets the +1;
 * those options are preferred when the totals allow them.
 */
function roleQuotas(sizes: readonly number[], totals: readonly number[], random: () => number): Int32Array {
  const g = sizes.length;
  const R = totals.length;
  const n = sizes.reduce((sum, s) => sum + s, 0);
  const quota = new Int32Array(g * R);

  // Size classes: at most two sizes (q and q + 1), as produced by planGroupSizes.
  const classSizes = [...new Set(sizes)].sort((a, b) => a - b);
  if (classSizes.length > 2 || (classSizes.length === 2 && classSizes[1]! !== classSizes[0]! + 1)) {
    throw new Error('grouping: group sizes must differ by at most 1');
  }
  const classes = classSizes.map((size) => {
    const rows: number[] = [];
    sizes.forEach((s, j) => {
      if (s === size) rows.push(j);
    });
    shuffleInPlace(rows, random); // which groups of this size get the +1s
    const floors = totals.map((t) => Math.floor((size * t) / n));
    const eligible = totals.map((t) => (size * t) % n !== 0);
    const perRow = size - floors.reduce((a, b) => a + b, 0);
    return { size, rows, floors, eligible, perRow };
  });
  const extras = totals.map((t, r) => classes.reduce((left, c) => left - c.rows.length * c.floors[r]!, t));

  // plusOnes[c][r]: how many groups of class c get a +1 for role r.
  let plusOnes: number[][];
  if (classes.length === 1) {
    plusOnes = [extras];
  } else {
    const [small, large] = classes as [(typeof classes)[0], (typeof classes)[0]];
    const gS = small.rows.length;
    const gL = large.rows.length;
    const lo = extras.map((e, r) => Math.max(0, e - (large.eligible[r] ? gL : 0)));
    const hi = extras.map((e, r) => Math.min(small.eligible[r] ? gS : 0, e));
    const target = gS * small.perRow;
    const critical: number[] = [];
    for (let r = 0; r < R; r++) {
      if (small.eligible[r] && large.eligible[r] && large.floors[r]! === small.floors[r]! + 1) critical.push(r);
    }
    let chosen: number[] | null = null;
    // Try every combination of "balanced" options for the critical roles, then none.
    for (let mask = 0; mask < 1 << critical.length && chosen === null; mask++) {
      const l = [...lo];
      const h = [...hi];
      critical.forEach((r, bit) => {
        const value = mask & (1 << bit) ? gS : extras[r]!; // every small group / no large group
        l[r] = Math.max(l[r]!, value);
        h[r] = Math.min(h[r]!, value);
      });
      chosen = fillToTarget(l, h, target);
    }
    chosen ??= fillToTarget(lo, hi, target);
    if (chosen === null) throw new Error('grouping: no role rounding found (internal error)');
    plusOnes = [chosen, extras.map((e, r) => e - chosen[r]!)];
  }

  classes.forEach((c, ci) => {
    for (const j of c.rows) for (let r = 0; r < R; r++) quota[j * R + r] = c.floors[r]!;
    // Deal the +1s cyclically over the class's rows: every row gets exactly perRow of
    // them and no row gets two for the same role (each count is at most the row count).
    let k = 0;
    for (let r = 0; r < R; r++) {
      for (let x = 0; x < plusOnes[ci]![r]!; x++) {
        quota[c.rows[k % c.rows.length]! * R + r]!++;
        k++;
      }
    }
  });
  return quota;
}

/** Integers v[r] in [lo[r], hi[r]] summing to target, or null. */
function fillToTarget(lo: readonly number[], hi: readonly number[], target: number): number[] | null {
  let sum = 0;
  for (let r = 0; r < lo.length; r++) {
    if (lo[r]! > hi[r]!) return null;
    sum += lo[r]!;
  }
  const values = [...lo];
  for (let r = 0; r < values.length && sum < target; r++) {
    const add = Math.min(hi[r]! - values[r]!, target - sum);
    values[r] = values[r]! + add;
    sum += add;
  }
  return sum === target ? values : null;
}

/**
 * For every organisation member in a group where the organisation exceeds ceil(k/g),
 * look for a same-role person in a group where it is below that cap and swap them,
 * provided the swap does not push the other person's organisation over its own cap.
 * Swapping within a role keeps the role quotas intact.
 */
function repairOrganisationSpread(
  groups: number[][],
  groupOf: Int32Array,
  roleOf: Int32Array,
  orgOf: Int32Array,
  orgMembers: readonly (readonly number[])[],
  orgCap: readonly number[],
): void {
  const countIn = (o: number, j: number): number => {
    let count = 0;
    for (const i of groups[j]!) if (orgOf[i] === o) count++;
    return count;
  };
  for (let o = 0; o < orgMembers.length; o++) {
    const members = orgMembers[o]!;
    const cap = orgCap[o]!;
    if (members.length < 2) continue;
    for (const i of members) {
      const from = groupOf[i]!;
      if (countIn(o, from) <= cap) continue;
      search: for (let to = 0; to < groups.length; to++) {
        if (to === from || countIn(o, to) >= cap) continue;
        for (const other of groups[to]!) {
          if (roleOf[other] !== roleOf[i]) continue;
          const otherOrg = orgOf[other]!;
          if (otherOrg === o) continue;
          if (otherOrg !== -1 && countIn(otherOrg, from) + 1 > orgCap[otherOrg]!) continue;
          const fromGroup = groups[from]!;
          const toGroup = groups[to]!;
          fromGroup[fromGroup.indexOf(i)] = other;
          toGroup[toGroup.indexOf(other)] = i;
          groupOf[i] = to;
          groupOf[other] = from;
          break search;
        }
      }
    }
  }
}
