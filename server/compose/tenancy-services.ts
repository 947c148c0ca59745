import type { Kysely } from 'kysely';
import { OrgRepository, TokenRepository, WorkspaceRepository } from '../../models/index.js';
import type { Database } from '../../models/index.js';
import type { TenancyServices } from '../app/server-context.js';

/** The tenancy repositories on one database. */
export function openTenancy(db: Kysely<Database>): TenancyServices {
  return { orgs: new OrgRepository(db), workspaces: new WorkspaceRepository(db), tokens: new TokenRepository(db) };
}
