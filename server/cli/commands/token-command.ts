import { EXIT, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import type { ApiClient } from '../client/api-client.js';
import { clientFrom, clientOptions, orgFor, parseCommandLine, seg } from '../client/client-options.js';
import type { Me } from '../client/client-options.js';
import { formatTable, shortTime } from '../client/table.js';

export const usage = `weft token create --role ROLE [--org ORG] [--workspace WS] [--label TEXT] [--offline]
weft token list [--org ORG]
weft token revoke TOKEN_ID [--org ORG]
           [--url URL] [--token TOKEN] [--json]

Roles: platform-admin (everything), org-admin (one org and its workspaces),
workspace (one workspace), workspace-viewer (one workspace, read only).
A token's text is printed once, at creation; only its hash is stored.

  --offline   create the token directly in WEFT_DATA_DIR's database (default ./.weft),
              without a server: to bootstrap, or when the admin token is lost`;

interface CreatedToken {
  readonly id: string;
  readonly role: string;
  readonly orgId: string | null;
  readonly workspaceId: string | null;
  readonly label: string;
  readonly createdAt: string;
  readonly revoked: boolean;
  readonly token: string;
}

const options = { ...clientOptions, role: { type: 'string' }, org: { type: 'string' }, workspace: { type: 'string' }, label: { type: 'string' }, offline: { type: 'boolean' } } as const;

/** `weft token create|list|revoke`. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, options, usage);
  const [action, ...rest] = positionals;
  if (action === 'create' && rest.length === 0) {
    if (!values.role) throw new UsageError(`--role is required\n\n${usage}`);
    const request = { role: values.role, orgId: values.org, workspaceId: values.workspace, label: values.label };
    const created = values.offline ? await createOffline(io, request) : await createOnline(clientFrom(values, io.env), io, request);
    if (values.json) io.stdout(`${JSON.stringify(created)}\n`);
    else {
      const scope = created.workspaceId ? `, workspace ${created.workspaceId}` : created.orgId ? `, org ${created.orgId}` : '';
      io.stdout(`token ${created.id} (${created.role}${scope}) — shown only this once:\n\n  ${created.token}\n\n`);
    }
    return EXIT.ok;
  }
  if (values.offline) throw new UsageError(`--offline is only for 'token create'\n\n${usage}`);
  const client = clientFrom(values, io.env);
  if (action === 'list' && rest.length === 0) {
    const org = await orgFor(client, values.org, io.env);
    const { items } = await client.get<{ items: Omit<CreatedToken, 'token'>[] }>(`/orgs/${seg(org)}/tokens`);
    if (values.json) io.stdout(`${JSON.stringify({ items })}\n`);
    else {
      io.stdout(formatTable(items, [
        { title: 'ID', value: (t) => t.id },
        { title: 'ROLE', value: (t) => t.role },
        { title: 'WORKSPACE', value: (t) => t.workspaceId },
        { title: 'LABEL', value: (t) => t.label },
        { title: 'CREATED', value: (t) => shortTime(t.createdAt) },
        { title: 'REVOKED', value: (t) => (t.revoked ? 'yes' : 'no') },
      ]));
    }
    return EXIT.ok;
  }
  if (action === 'revoke' && rest.length === 1) {
    const org = await orgFor(client, values.org, io.env);
    await client.send('DELETE', `/orgs/${seg(org)}/tokens/${seg(rest[0]!)}`);
    if (values.json) io.stdout(`${JSON.stringify({ id: rest[0], revoked: true })}\n`);
    else io.stdout(`token ${rest[0]} revoked\n`);
    return EXIT.ok;
  }
  throw new UsageError(`expected 'create', 'list' or 'revoke ID'\n\n${usage}`);
}

type Request = { role: string; orgId?: string | undefined; workspaceId?: string | undefined; label?: string | undefined };

/** Platform admins use /admin/tokens (any role); others their org's /orgs/:org/tokens. */
async function createOnline(client: ApiClient, io: CliIo, request: Request): Promise<CreatedToken> {
  const me = await client.get<Me>('/me');
  const body = { role: request.role, ...(request.workspaceId ? { workspace: request.workspaceId } : {}), ...(request.label ? { label: request.label } : {}) };
  if (me.role === 'platform-admin') return client.send<CreatedToken>('POST', '/admin/tokens', { ...body, ...(request.orgId ? { org: request.orgId } : {}) });
  const org = await orgFor(client, request.orgId, io.env);
  return client.send<CreatedToken>('POST', `/orgs/${seg(org)}/tokens`, body);
}

async function createOffline(io: CliIo, request: Request): Promise<CreatedToken> {
  const { withOfflineTenancy } = await import('./offline-tenancy.js');
  const { issueToken } = await import('../../auth/index.js');
  return withOfflineTenancy(io.env, async (tenancy) => {
    const { record, text } = await issueToken(tenancy, request);
    return { ...record, createdAt: new Date(record.createdAt).toISOString(), token: text };
  });
}
