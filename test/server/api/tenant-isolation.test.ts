import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../../server/app/route-table.js';
import { ADMIN_TOKEN, startApiServer } from '../support/api-server.js';
import type { ApiServer } from '../support/api-server.js';
import { seedTenant } from '../support/tenants.js';
import type { Tenant } from '../support/tenants.js';

/**
 * Every route of the app, read from its route table (so a new route cannot be left out),
 * called by tenant A's tokens with tenant B's ids: the answer must be byte-identical to
 * the answer for ids that exist nowhere (apart from the id itself, where a body echoes it)
 * — 404 where the id is a tenant's, 403 where the role may not do this at all. Rule:
 * docs/api.md, "Roles and scopes".
 */

let t: ApiServer;
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  t = await startApiServer();
  a = await seedTenant(t, 'default', 'default', 'alpha');
  b = await seedTenant(t, 'acme', 'acme-ops', 'beta');
});

afterAll(async () => {
  await t?.close();
});

/** Route parameters that name something a tenant owns: A's own value, B's, and one that exists nowhere. */
function tenantParams(): Record<string, { own: string; foreign: string; unknown: string }> {
  return {
    org: { own: a.org, foreign: b.org, unknown: 'no-such-org' },
    ws: { own: a.ws, foreign: b.ws, unknown: 'no-such-ws' },
    instanceKey: { own: a.waitingKey, foreign: b.waitingKey, unknown: '987654321' },
    processInstanceKey: { own: a.waitingKey, foreign: b.waitingKey, unknown: '987654321' },
    incidentKey: { own: a.incidentKey, foreign: b.incidentKey, unknown: '987654322' },
    tokenId: { own: a.tokenId, foreign: b.tokenId, unknown: 'tok_000000000000' },
    name: { own: a.secretName, foreign: b.secretName, unknown: 'NO_SUCH_SECRET' },
    bpmnProcessId: { own: a.processId, foreign: b.processId, unknown: 'no-such-process' },
  };
}

/** Parameters that name nothing tenant-owned (platform-wide catalogue entries, versions). */
const sharedParams: Record<string, string> = { id: 'no-such-connector', connectorId: 'no-such-connector', version: '1' };

/** Routes outside tenancy by design: webhooks authenticate per webhook (server/inbound). */
const exempt = (route: RouteEntry) => route.url.startsWith('/inbound/');

function paramsOf(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
}

function fill(url: string, values: Record<string, string>): string {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(values[name]!));
}

describe('tenant isolation over the whole route table', () => {
  it('knows every parameter of every route, and every Weft API route declares its access', () => {
    const known = new Set([...Object.keys(tenantParams()), ...Object.keys(sharedParams)]);
    const routes = t.server.app.weftRoutes.filter((r) => !exempt(r));
    const unknownParams = routes.flatMap((r) => paramsOf(r.url).filter((p) => !known.has(p)).map((p) => `${r.method} ${r.url}: ${p}`));
    expect(unknownParams).toEqual([]);
    const undeclared = routes.filter((r) => !r.url.startsWith('/v2/') && r.access === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    expect(routes.length).toBeGreaterThan(30);
  });

  it("answers another tenant's ids exactly like ids that exist nowhere, for every route and every role of tenant A", async () => {
    const params = tenantParams();
    const tokens = { 'org-admin': a.orgAdmin, workspace: a.workspace, 'workspace-viewer': a.viewer };
    const checked: string[] = [];
    const mismatches: string[] = [];
    for (const route of t.server.app.weftRoutes.filter((r) => !exempt(r))) {
      const names = paramsOf(route.url).filter((p) => p in params);
      const own = Object.fromEntries([...Object.entries(params).map(([k, v]) => [k, v.own]), ...Object.entries(sharedParams)]);
      for (const name of names) {
        const foreignUrl = fill(route.url, { ...own, [name]: params[name]!.foreign });
        const unknownUrl = fill(route.url, { ...own, [name]: params[name]!.unknown });
        for (const [role, token] of Object.entries(tokens)) {
          const foreign = await t.call(route.method, foreignUrl, token);
          const unknown = await t.call(route.method, unknownUrl, token);
          checked.push(`${route.method} ${route.url} [${name}] as ${role}`);
          // A body may echo the id it was asked for (the /v2 problem details do): compare with the ids swapped.
          const echoed = foreign.text.split(params[name]!.foreign).join(params[name]!.unknown);
          const same = foreign.status === unknown.status && echoed === unknown.text;
          // 404/403 — or a 4xx that came before any lookup (a PUT's missing body), identical for both.
          const refused = foreign.status >= 400 && foreign.status < 500;
          if (!same || !refused) mismatches.push(`${route.method} ${route.url} [${name}] as ${role}: foreign ${foreign.status} ${foreign.text} / unknown ${unknown.status} ${unknown.text}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Each of these families was exercised (guards against an empty loop).
    for (const url of ['/orgs/:org/deployments', '/workspaces/:ws/process-instances/:instanceKey', '/workspaces/:ws/incidents/:incidentKey/resolve', '/orgs/:org/tokens/:tokenId', '/workspaces/:ws/secrets/:name']) {
      expect(checked.some((c) => c.includes(` ${url} `))).toBe(true);
    }
  });

  it("leaves tenant B's data untouched after all those calls", async () => {
    const instance = await t.call('GET', `/workspaces/${b.ws}/process-instances/${b.waitingKey}`, b.workspace);
    expect(instance.status).toBe(200);
    expect(instance.body.state).toBe('ACTIVE');
    const incidents = await t.call('GET', `/workspaces/${b.ws}/incidents`, b.workspace);
    expect(incidents.body.items.map((i: { incidentKey: string }) => i.incidentKey)).toContain(b.incidentKey);
    const secrets = await t.call('GET', `/workspaces/${b.ws}/secrets`, b.viewer);
    expect(secrets.body.items).toEqual([{ name: b.secretName }]);
    const tokens = await t.call('GET', `/orgs/${b.org}/tokens`, b.orgAdmin);
    expect(tokens.body.items.find((x: { id: string }) => x.id === b.tokenId).revoked).toBe(false);
  });

  it('refuses platform routes to every other role with 403, and every route without a token with 401', async () => {
    for (const route of t.server.app.weftRoutes.filter((r) => r.access?.kind === 'platform')) {
      const url = fill(route.url, sharedParams);
      for (const token of [a.orgAdmin, a.workspace, a.viewer]) expect((await t.call(route.method, url, token)).status).toBe(403);
      expect((await t.call(route.method, url, ADMIN_TOKEN)).status).not.toBe(403);
    }
    const guarded = t.server.app.weftRoutes.filter((r) => !exempt(r) && r.access?.kind !== 'public');
    for (const route of guarded) {
      const url = fill(route.url, { ...Object.fromEntries(Object.entries(tenantParams()).map(([k, v]) => [k, v.own])), ...sharedParams });
      const answer = await t.call(route.method, url, undefined);
      expect(answer.status, `${route.method} ${route.url}`).toBe(401);
    }
  });
});
