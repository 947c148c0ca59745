import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openSqlite } from '../../../models/index.js';
import type { TenancyServices } from '../../app/server-context.js';
import { openTenancy } from '../../compose/tenancy-services.js';
import { ensureDefaultTenancy } from '../../serve/bootstrap.js';

/**
 * Run `work` on the tenancy tables of `WEFT_DATA_DIR` (default ./.weft) directly, without
 * a server: how `weft token create --offline` bootstraps or recovers access. A fresh
 * directory gets org and workspace `default`, as the first `weft serve` would.
 */
export async function withOfflineTenancy<T>(env: NodeJS.ProcessEnv, work: (tenancy: TenancyServices, dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = resolve(env.WEFT_DATA_DIR || '.weft');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const handle = await openSqlite({ path: join(dataDir, 'weft.db') });
  try {
    const tenancy = openTenancy(handle.kysely);
    await ensureDefaultTenancy(tenancy);
    return await work(tenancy, dataDir);
  } finally {
    await handle.close();
  }
}
