import type { TenancyServices } from '../app/server-context.js';
import { hashToken, issueToken } from '../auth/index.js';

/** The id of the platform-admin token that follows `WEFT_ADMIN_TOKEN`. */
export const ENV_ADMIN_TOKEN_ID = 'env-admin';

/** What the first start did. */
export interface BootstrapResult {
  /** True when the data directory was empty: org and workspace `default` were created. */
  readonly initialized: boolean;
  /** A generated platform-admin token's text, to print once; never stored or logged. */
  readonly generatedAdminToken?: string;
}

/**
 * First start: create org `default` with workspace `default`, and a platform-admin
 * token — generated (returned for printing, once) unless `WEFT_ADMIN_TOKEN` is set.
 * On every start a set `WEFT_ADMIN_TOKEN` is (re)stored, as a hash, under the id
 * `env-admin`, so changing the variable replaces that token.
 */
export async function bootstrapTenancy(tenancy: TenancyServices, adminToken: string | undefined): Promise<BootstrapResult> {
  const initialized = await ensureDefaultTenancy(tenancy);
  if (adminToken !== undefined) {
    await tenancy.tokens.upsert({ id: ENV_ADMIN_TOKEN_ID, hash: hashToken(adminToken), role: 'platform-admin', orgId: null, workspaceId: null, label: 'WEFT_ADMIN_TOKEN' });
    return { initialized };
  }
  if (!initialized) return { initialized };
  const issued = await issueToken(tenancy, { role: 'platform-admin', label: 'created at first start' });
  return { initialized, generatedAdminToken: issued.text };
}

/** On a database without orgs, create org `default` with workspace `default`; true when it did. */
export async function ensureDefaultTenancy(tenancy: TenancyServices): Promise<boolean> {
  if (await tenancy.orgs.any()) return false;
  await tenancy.orgs.create('default', 'Default');
  await tenancy.workspaces.create('default', 'default', 'Default');
  return true;
}

/** The banner `weft serve` prints on stdout when it generated the admin token. */
export function adminTokenBanner(token: string): string {
  const rule = '='.repeat(72);
  return [
    rule,
    'Weft: first start. Created org "default" with workspace "default".',
    'Platform admin token — shown only this once, store it now:',
    '',
    `    ${token}`,
    '',
    `    export WEFT_TOKEN=${token}`,
    '',
    'Lost it? Stop the server and run: weft token create --offline --role platform-admin',
    rule,
    '',
  ].join('\n');
}
