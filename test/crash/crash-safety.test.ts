import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./crash-child.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'weft-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** When to SIGKILL the child: a time after its start, or after it completed so many instances. */
type Kill = { readonly afterMs: number } | { readonly afterCompletions: number };

/** Start the child; resolve with its exit code or signal. */
function runChild(dbPath: string, commits: string, kill?: Kill): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--no-node-snapshot', child, dbPath, String(INSTANCES), commits], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = kill && 'afterMs' in kill ? setTimeout(() => proc.kill('SIGKILL'), kill.afterMs) : undefined;
    let completions = 0;
    proc.stdout.on('data', (chunk: Buffer) => {
      completions += chunk.toString().split('done').length - 1;
      if (kill && 'afterCompletions' in kill && completions >= kill.afterCompletions) proc.kill('SIGKILL');
    });
    proc.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

const INSTANCES = 200;
const KILLS = 12;

describe.each(['inline', 'thread'])('crash safety, store commits %s', (commits) => {
  it('completes every instance exactly once across repeated SIGKILLs', async () => {
    const dbPath = join(dir, `crash-${commits}.db`);
    let killed = 0;
    for (let round = 0; round < KILLS; round++) {
      // Random moments: a few during start-up and deployment, most while instances run
      // (after a random number of completions, so the kill never comes too late).
      const kill: Kill = round % 4 === 0 ? { afterMs: Math.floor(Math.random() * 300) } : { afterCompletions: 1 + Math.floor(Math.random() * 12) };
      const result = await runChild(dbPath, commits, kill);
      if (result.signal === 'SIGKILL') killed++;
      else expect(result.stderr).toBe('');
    }
    expect(killed).toBeGreaterThan(KILLS / 2);
    const final = await runChild(dbPath, commits);
    expect(final.stderr).toBe('');
    expect(final.code).toBe(0);

    const db = new Database(dbPath, { readonly: true });
    try {
      const instances = db.prepare('SELECT key, state FROM instances').all() as { key: number; state: string }[];
      expect(instances).toHaveLength(INSTANCES);
      expect(instances.every((i) => i.state === 'completed')).toBe(true);
      // Nothing left waiting: no tokens, jobs, timers.
      expect(db.prepare('SELECT COUNT(*) AS n FROM element_instances').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM jobs').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM timers').get()).toEqual({ n: 0 });
      // Each instance: every element completed exactly once, one completion event, seq unique.
      const completions = db
        .prepare(
          `SELECT h.instance_key AS k, json_extract(e.value, '$[2]') AS e, COUNT(*) AS n FROM history h, json_each(h.events) e ` +
            `WHERE json_extract(e.value, '$[0]') = 'ELEMENT_COMPLETED' GROUP BY 1, 2`,
        )
        .all() as { k: number; e: string; n: number }[];
      const elements = ['start', 'first', 'fork', 'left', 'right', 'join', 'pause', 'sum', 'end'];
      expect(completions.filter((c) => c.n !== 1)).toEqual([]);
      expect(completions).toHaveLength(INSTANCES * elements.length);
      const ended = db
        .prepare(
          `SELECT h.instance_key AS k, COUNT(*) AS n FROM history h, json_each(h.events) e ` +
            `WHERE json_extract(e.value, '$[0]') = 'PROCESS_INSTANCE_COMPLETED' GROUP BY 1`,
        )
        .all() as { n: number }[];
      expect(ended).toHaveLength(INSTANCES);
      expect(ended.every((e) => e.n === 1)).toBe(true);
      const seqs = (db.prepare(`SELECT value FROM variables WHERE name = 'seq'`).all() as { value: string }[]).map((v) => Number(v.value)).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: INSTANCES }, (_, i) => i));
      const wrong = db.prepare(`SELECT COUNT(*) AS n FROM variables a JOIN variables b ON a.scope_key = b.scope_key WHERE a.name = 'seq' AND b.name = 'next' AND CAST(b.value AS INTEGER) != CAST(a.value AS INTEGER) + 1`).get();
      expect(wrong).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  }, 120_000);
});
