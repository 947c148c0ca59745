import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { EXIT, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { parseCommandLine } from '../client/client-options.js';

export const usage = `weft keys rotate [--json]

Re-encrypts every credential and secret in WEFT_DATA_DIR (default ./.weft) under a new
data key, in one transaction, and deletes the old keys. Offline: stop the server first.
The master key comes from WEFT_MASTER_KEY, else <data dir>/master.key.`;

/** `weft keys rotate`: the vault's `rotateKeys` on the data directory's database. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { json: { type: 'boolean', default: false } }, usage);
  if (positionals.length !== 1 || positionals[0] !== 'rotate') throw new UsageError(usage);
  const dataDir = resolve(io.env.WEFT_DATA_DIR || '.weft');
  const path = join(dataDir, 'weft.db');
  if (!existsSync(path)) throw new UsageError(`no database at ${path}: set WEFT_DATA_DIR to the server's data directory`);
  const { openSqlite } = await import('../../../models/index.js');
  const { openConnectorServices } = await import('../../compose/connector-services.js');
  const { rotateKeys } = await import('../../../connectors/index.js');
  const handle = await openSqlite({ path });
  try {
    const services = await openConnectorServices({ handle, env: io.env, dataDir });
    try {
      const result = await rotateKeys(services.vault);
      if (values.json) io.stdout(`${JSON.stringify(result)}\n`);
      else io.stdout(`new data key ${result.keyId}; ${result.reencrypted} credential(s) and secret(s) re-encrypted; retired ${result.retiredKeyIds.length} old key(s)\n`);
    } finally {
      await services.close();
    }
  } finally {
    await handle.close();
  }
  return EXIT.ok;
}
