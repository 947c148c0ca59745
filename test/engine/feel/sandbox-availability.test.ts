import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { WeftError } from '../../../core/index.js';
import {
  assertFeelSandboxAvailable,
  hasNoNodeSnapshotFlag,
  needsNoNodeSnapshotFlag,
} from '../../../engine/feel/sandbox/sandbox-availability.js';

describe('detecting --no-node-snapshot', () => {
  it('finds the flag on the command line or in NODE_OPTIONS, in either spelling', () => {
    expect(hasNoNodeSnapshotFlag(['--no-node-snapshot'], '')).toBe(true);
    expect(hasNoNodeSnapshotFlag([], '--max-old-space-size=512 --no-node-snapshot')).toBe(true);
    expect(hasNoNodeSnapshotFlag(['--no_node_snapshot'], '')).toBe(true);
    expect(hasNoNodeSnapshotFlag(['--inspect'], '--max-old-space-size=512')).toBe(false);
  });

  it('only requires it from Node 20 on', () => {
    expect(needsNoNodeSnapshotFlag('18.19.0')).toBe(false);
    expect(needsNoNodeSnapshotFlag('20.20.2')).toBe(true);
    expect(needsNoNodeSnapshotFlag('22.1.0')).toBe(true);
  });

  it('throws SANDBOX_UNAVAILABLE with the remedy in the message', () => {
    expect(() => assertFeelSandboxAvailable([], '', '20.20.2')).toThrow(WeftError);
    try {
      assertFeelSandboxAvailable([], '', '20.20.2');
    } catch (error) {
      expect((error as WeftError).code).toBe('SANDBOX_UNAVAILABLE');
      expect((error as Error).message).toContain('start node with --no-node-snapshot');
    }
    expect(() => assertFeelSandboxAvailable(['--no-node-snapshot'], '', '20.20.2')).not.toThrow();
  });
});

describe('a Node process started without the flag', () => {
  it('refuses guarded expressions with SANDBOX_UNAVAILABLE and still runs the fast path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-feel-'));
    try {
      const bundle = join(dir, 'feel.mjs');
      await build({
        entryPoints: [fileURLToPath(new URL('../../../engine/feel/index.ts', import.meta.url))],
        bundle: true,
        format: 'esm',
        platform: 'node',
        external: ['isolated-vm'],
        outfile: bundle,
        logLevel: 'silent',
      });
      const script = join(dir, 'main.mjs');
      writeFileSync(
        script,
        [
          `import { compileFeel } from ${JSON.stringify(bundle)};`,
          `const out = { fast: compileFeel('a + 1').evaluate(() => 1) };`,
          `try { compileFeel('for x in xs return x'); out.guarded = 'compiled'; }`,
          `catch (e) { out.guarded = { code: e.code, message: e.message }; }`,
          `console.log(JSON.stringify(out));`,
        ].join('\n'),
      );
      const env = { ...process.env };
      delete env['NODE_OPTIONS'];
      const child = spawnSync(process.execPath, [script], { env, encoding: 'utf8' });
      expect(child.status, child.stderr).toBe(0);
      const out = JSON.parse(child.stdout) as { fast: unknown; guarded: { code: string; message: string } };
      expect(out.fast).toEqual({ ok: true, value: 2, warnings: [] });
      expect(out.guarded.code).toBe('SANDBOX_UNAVAILABLE');
      expect(out.guarded.message).toContain('start node with --no-node-snapshot');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
