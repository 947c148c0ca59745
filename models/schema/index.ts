import type { EngineTables } from './engine-tables.js';
import type { VaultTables } from './vault-tables.js';
import type { TenancyTables } from './tenancy-tables.js';
import type { WebhookTables } from './webhook-tables.js';

/** Every table of the Weft schema, for kysely's typing. Each family lives in its own file. */
export interface Database extends EngineTables, VaultTables, TenancyTables, WebhookTables {}

export type { EngineTables, VaultTables, TenancyTables, WebhookTables };
