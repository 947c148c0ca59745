import type { Migration } from 'kysely';
import * as engine from './001-engine.js';
import * as connectors from './002-connectors.js';
import * as tenancy from './003-tenancy.js';
import * as webhooks from './004-webhooks.js';
import * as elementVariables from './005-element-variables.js';

/**
 * Every migration in order. Names sort lexically and never change once released;
 * kysely's Migrator records which ran in `kysely_migration`.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '001-engine': engine,
  '002-connectors': connectors,
  '003-tenancy': tenancy,
  '004-webhooks': webhooks,
  '005-element-variables': elementVariables,
};
