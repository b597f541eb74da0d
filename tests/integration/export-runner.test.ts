/**
 * The export process (server/export/exportRunner.ts): files come back whole, a dead process
 * fails only the downloads waiting on it and the next download starts a new one, and an idle
 * one goes away.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { initialState } from '../../shared/domain/evolve.ts';
import type { SessionState } from '../../shared/domain/types.ts';
import { TEMPLATES } from '../../shared/templates.ts';
import { ExportRunner } from '../../server/export/exportRunner.ts';

const state = (): SessionState =>
  initialState({
    type: 'session.created',
    id: 's1',
    code: 'K7M2QX',
    at: Date.UTC(2026, 10, 22, 9, 0),
    content: { ...TEMPLATES[0].content, title: 'Werkplaats Zuidrand' },
    settings: { targetGroupSize: 5, lateJoiners: 'smallest', locked: false, language: 'nl', topicMinutes: 10 },
  });

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const exited = async (pid: number): Promise<boolean> => {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
};

let runner: ExportRunner | null = null;
afterEach(async () => {
  await runner?.close();
  runner = null;
});

describe('ExportRunner', () => {
  it('writes files in its own process and reports that process’s memory', async () => {
    runner = new ExportRunner();
    const [md, docx] = await Promise.all([runner.run('md', 's1', state()), runner.run('docx', 's1', state())]);
    expect(md.toString('utf8')).toContain('Werkplaats Zuidrand');
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip, whole
    expect(runner.pid).not.toBe(process.pid);
    expect(runner.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('fails the downloads of a process that died, and the next download starts a new one', async () => {
    runner = new ExportRunner();
    await runner.run('md', 's1', state());
    const first = runner.pid!;
    const waiting = runner.run('docx', 's1', state());
    process.kill(first, 'SIGKILL');
    await expect(waiting).rejects.toThrow(/export process stopped/);
    const again = await runner.run('md', 's1', state());
    expect(again.toString('utf8')).toContain('Werkplaats Zuidrand');
    expect(runner.pid).not.toBe(first);
  });

  it('stops its process when idle and when closed', async () => {
    runner = new ExportRunner({ idleMs: 100 });
    await runner.run('md', 's1', state());
    const idle = runner.pid!;
    expect(await exited(idle)).toBe(true);
    expect(runner.pid).toBeNull();
    await runner.run('md', 's1', state());
    const busy = runner.pid!;
    await runner.close();
    expect(await exited(busy)).toBe(true);
  });
});
