import { createRequire } from 'node:module';
import { WeftError } from '../../../core/index.js';
import type IsolatedVM from 'isolated-vm';

/** The isolated-vm module, as far as its typings describe it. */
export type IsolatedVm = typeof IsolatedVM;

/**
 * Whether Node was started with `--no-node-snapshot` (on the command line or in
 * NODE_OPTIONS). Node accepts `_` for `-` inside flag names, so both spellings count.
 */
export function hasNoNodeSnapshotFlag(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env['NODE_OPTIONS'] ?? '',
): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((flag) => flag.replace(/_/g, '-') === '--no-node-snapshot');
}

/** isolated-vm's own rule: from Node 20 on, it needs the startup snapshot switched off. */
export function needsNoNodeSnapshotFlag(nodeVersion: string = process.versions.node): boolean {
  return Number(nodeVersion.split('.')[0]) >= 20;
}

/**
 * Throw SANDBOX_UNAVAILABLE unless isolated-vm can be loaded safely in this process.
 * Checked before isolated-vm is ever required: loading it into a Node that still uses
 * the startup snapshot can crash the whole process instead of raising an error.
 */
export function assertFeelSandboxAvailable(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env['NODE_OPTIONS'] ?? '',
  nodeVersion: string = process.versions.node,
): void {
  if (needsNoNodeSnapshotFlag(nodeVersion) && !hasNoNodeSnapshotFlag(execArgv, nodeOptions)) {
    throw new WeftError(
      'SANDBOX_UNAVAILABLE',
      `The FEEL sandbox (isolated-vm) cannot run in this process: start node with --no-node-snapshot ` +
        `(e.g. NODE_OPTIONS=--no-node-snapshot) on Node ${nodeVersion}`,
      { details: { nodeVersion, flag: '--no-node-snapshot' } },
    );
  }
}

let loaded: IsolatedVm | undefined;

/** Load isolated-vm once, after checking that it is safe to. */
export function loadIsolatedVm(): IsolatedVm {
  if (loaded === undefined) {
    assertFeelSandboxAvailable();
    loaded = createRequire(import.meta.url)('isolated-vm') as IsolatedVm;
  }
  return loaded;
}
