/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time per function (functionName +
 * url + line), and self time per origin (a package in node_modules, node internals,
 * project files), so a reader sees where the server spends its CPU.
 *
 * Usable on its own: node --import tsx scripts/lib/bench/profile.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  readonly name: string;
  readonly where: string;
  readonly selfMs: number;
  readonly percent: number;
}

/** A stretch of the run (ms from the start of the profile), e.g. one bench phase. */
export interface ProfileWindow {
  readonly name: string;
  readonly fromMs: number;
  readonly toMs: number;
}

export interface StallSummary {
  /**
   * Busy stretches (no idle sample) at least `stallMs` long: the main thread never waited for
   * I/O in that time. Not the same as event-loop delay (the loop may still turn inside a
   * stretch), but where the long delays come from is inside these.
   */
  readonly count: number;
  readonly totalMs: number;
  readonly maxMs: number;
  /** Self time inside those stretches, per function. */
  readonly top: ProfileEntry[];
}

export interface WindowSummary {
  readonly name: string;
  readonly wallMs: number;
  readonly busyMs: number;
  readonly top: ProfileEntry[];
  readonly stalls: StallSummary;
}

export interface ProfileSummary {
  readonly file: string;
  readonly totalMs: number;
  /** Wall time covered by samples minus idle. */
  readonly busyMs: number;
  readonly top: ProfileEntry[];
  readonly byOrigin: ProfileEntry[];
  /** Inclusive (total) time of selected functions: self time of their whole subtree. */
  readonly inclusive: ProfileEntry[];
  readonly stallMs: number;
  readonly stalls: StallSummary;
  readonly windows: WindowSummary[];
}

export interface ProfileOptions {
  readonly top?: number;
  readonly inclusiveOf?: readonly string[];
  readonly windows?: readonly ProfileWindow[];
  /** A busy stretch at least this long is reported as saturated (default 50 ms). */
  readonly stallMs?: number;
}

function shortUrl(url: string): string {
  if (!url) return '';
  let p = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = p.lastIndexOf('node_modules/');
  if (nm >= 0) return p.slice(nm + 'node_modules/'.length);
  const cwd = process.cwd() + path.sep;
  if (p.startsWith(cwd)) p = p.slice(cwd.length);
  return p;
}

function origin(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native / builtin)';
  if (url.startsWith('node:')) return 'node internals';
  const s = shortUrl(url);
  if (url.includes('node_modules/')) {
    const parts = s.split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return s.split('/').slice(0, 2).join('/');
}

function topOf(map: Map<string, number>, names: Map<string, { name: string; where: string }>, n: number, busyMs: number): ProfileEntry[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => ({ ...names.get(k)!, selfMs: ms, percent: busyMs > 0 ? (100 * ms) / busyMs : 0 }));
}

export function summariseProfile(file: string, options: ProfileOptions = {}): ProfileSummary {
  const topN = options.top ?? 10;
  const inclusiveOf = options.inclusiveOf ?? [];
  const stallMs = options.stallMs ?? 50;
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  for (const n of prof.nodes) byId.set(n.id, n);
  const selfById = new Map<number, number>();
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i]!;
    selfById.set(id, (selfById.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000);
  }
  let totalMs = 0;
  let idleMs = 0;
  const fn = new Map<string, { name: string; where: string; ms: number }>();
  const org = new Map<string, number>();
  for (const [id, ms] of selfById) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    totalMs += ms;
    if (functionName === '(idle)') idleMs += ms;
    const name = functionName || '(anonymous)';
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const e = fn.get(key);
    if (e) e.ms += ms;
    else fn.set(key, { name, where, ms });
    const o = origin(url, name);
    org.set(o, (org.get(o) ?? 0) + ms);
  }
  const busyMs = totalMs - idleMs;
  const pct = (ms: number) => (busyMs > 0 ? (100 * ms) / busyMs : 0);
  const top = [...fn.values()]
    .filter((e) => e.name !== '(idle)')
    .sort((a, b) => b.ms - a.ms)
    .slice(0, topN)
    .map((e) => ({ name: e.name, where: e.where, selfMs: e.ms, percent: pct(e.ms) }));
  const byOrigin = [...org]
    .filter(([o]) => o !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, topN)
    .map(([o, ms]) => ({ name: o, where: '', selfMs: ms, percent: pct(ms) }));

  // Inclusive time: subtree self time, counting each function once per stack (no double count on recursion).
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive: ProfileEntry[] = [];
  for (const wanted of inclusiveOf) {
    let ms = 0;
    for (const [id, self] of selfById) {
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        if (byId.get(cur)!.callFrame.functionName === wanted) {
          ms += self;
          break;
        }
      }
    }
    inclusive.push({ name: wanted, where: '', selfMs: ms, percent: pct(ms) });
  }

  // Timeline: sample i lasts until sample i+1. Busy stretches between idle samples are the
  // times the event loop could not run anything else.
  const keyOf = new Map<number, string>();
  const names = new Map<string, { name: string; where: string }>();
  for (const n of prof.nodes) {
    const name = n.callFrame.functionName || '(anonymous)';
    const where = n.callFrame.url ? `${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    keyOf.set(n.id, key);
    if (!names.has(key)) names.set(key, { name, where });
  }
  const windows = (options.windows ?? []).map((w) => ({
    w,
    busy: 0,
    self: new Map<string, number>(),
    stalls: { count: 0, totalMs: 0, maxMs: 0, self: new Map<string, number>() },
  }));
  const stalls = { count: 0, totalMs: 0, maxMs: 0, self: new Map<string, number>() };
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let t = 0;
  let run: { start: number; ms: number; self: Map<string, number> } | null = null;
  const closeRun = () => {
    if (run && run.ms >= stallMs) {
      const targets = [stalls, ...windows.filter((x) => run!.start >= x.w.fromMs && run!.start < x.w.toMs).map((x) => x.stalls)];
      for (const target of targets) {
        target.count++;
        target.totalMs += run.ms;
        target.maxMs = Math.max(target.maxMs, run.ms);
        for (const [k, v] of run.self) add(target.self, k, v);
      }
    }
    run = null;
  };
  for (let i = 0; i < prof.samples.length; i++) {
    t += (prof.timeDeltas[i] ?? 0) / 1000;
    const dur = (prof.timeDeltas[i + 1] ?? 0) / 1000;
    const key = keyOf.get(prof.samples[i]!)!;
    const idle = key.startsWith('(idle)');
    if (idle) closeRun();
    else {
      run ??= { start: t, ms: 0, self: new Map() };
      run.ms += dur;
      add(run.self, key, dur);
    }
    for (const x of windows) {
      if (t < x.w.fromMs || t >= x.w.toMs || idle) continue;
      x.busy += dur;
      add(x.self, key, dur);
    }
  }
  closeRun();
  const stallOut = (st: typeof stalls): StallSummary => ({
    count: st.count,
    totalMs: st.totalMs,
    maxMs: st.maxMs,
    top: topOf(st.self, names, 6, st.totalMs),
  });
  return {
    file,
    totalMs,
    busyMs,
    top,
    byOrigin,
    inclusive,
    stallMs,
    stalls: stallOut(stalls),
    windows: windows.map((x) => ({
      name: x.w.name,
      wallMs: x.w.toMs - x.w.fromMs,
      busyMs: x.busy,
      top: topOf(x.self, names, 6, x.busy),
      stalls: stallOut(x.stalls),
    })),
  };
}

export function formatProfile(s: ProfileSummary): string {
  const lines = [`\nServer CPU profile (${s.file})`, `  busy ${(s.busyMs / 1000).toFixed(2)} s of ${(s.totalMs / 1000).toFixed(2)} s sampled`];
  lines.push('  top self time:');
  for (const e of s.top) lines.push(`    ${e.selfMs.toFixed(0).padStart(7)} ms  ${e.percent.toFixed(1).padStart(5)}%  ${e.name}  ${e.where}`);
  lines.push('  self time by origin:');
  for (const e of s.byOrigin) lines.push(`    ${e.selfMs.toFixed(0).padStart(7)} ms  ${e.percent.toFixed(1).padStart(5)}%  ${e.name}`);
  if (s.inclusive.length) {
    lines.push('  inclusive time of selected functions:');
    for (const e of s.inclusive) lines.push(`    ${e.selfMs.toFixed(0).padStart(7)} ms  ${e.percent.toFixed(1).padStart(5)}%  ${e.name}`);
  }
  const stallLines = (st: StallSummary, indent: string) => {
    lines.push(
      `${indent}saturated stretches (no idle sample) ≥ ${s.stallMs} ms: ${st.count}, ${(st.totalMs / 1000).toFixed(2)} s in total, longest ${st.maxMs.toFixed(0)} ms${st.count ? '; inside them:' : ''}`,
    );
    for (const e of st.top) lines.push(`${indent}  ${e.selfMs.toFixed(0).padStart(7)} ms  ${e.percent.toFixed(1).padStart(5)}%  ${e.name}  ${e.where}`);
  };
  stallLines(s.stalls, '  ');
  for (const w of s.windows) {
    lines.push(`  ${w.name}: busy ${(w.busyMs / 1000).toFixed(2)} s of ${(w.wallMs / 1000).toFixed(2)} s`);
    for (const e of w.top) lines.push(`      ${e.selfMs.toFixed(0).padStart(7)} ms  ${e.percent.toFixed(1).padStart(5)}%  ${e.name}  ${e.where}`);
    stallLines(w.stalls, '    ');
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node --import tsx scripts/lib/bench/profile.ts <file.cpuprofile> [top] [fn,fn,…]');
    process.exit(2);
  }
  const extra = (process.argv[4] ?? '').split(',').filter(Boolean);
  console.log(formatProfile(summariseProfile(file, { top: Number(process.argv[3] ?? 20), inclusiveOf: extra })));
}
