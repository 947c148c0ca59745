import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/app/logger.js';
import { ADMIN_TOKEN, startApiServer } from '../support/api-server.js';
import type { ApiServer } from '../support/api-server.js';
import { connectorDefinition } from '../support/connector-fixtures.js';

const CANARY = 'canary-7d1e4b90af23';

let t: ApiServer;

beforeAll(async () => {
  t = await startApiServer({ env: { WEFT_LOG_LEVEL: 'trace' } });
});

afterAll(async () => {
  await t?.close();
});

describe('secrets never reach the logs', () => {
  it('logs at trace level through every secret-carrying route without one canary hit', async () => {
    await t.call('POST', '/admin/connector', ADMIN_TOKEN, connectorDefinition('crm'));
    const created = await t.call('POST', '/admin/tokens', ADMIN_TOKEN, { role: 'workspace', workspace: 'default', label: 'ci' });
    const token = created.body.token as string;
    await t.call('PUT', '/workspaces/default/secrets/API_KEY', token, { value: `${CANARY}-secret` });
    await t.call('PUT', '/workspaces/default/connectors/crm/credentials', token, { enabled: true, config: { api_key: `${CANARY}-credential` } });
    // Refused bodies with the canary inside: unknown field, wrong type, malformed JSON.
    await t.call('PUT', '/workspaces/default/connectors/crm/credentials', token, { enabled: true, config: { api_key: `${CANARY}-a`, password: `${CANARY}-b` } });
    await t.call('PUT', '/workspaces/default/secrets/API_KEY', token, { value: `${CANARY}-c`, extra: `${CANARY}-d` });
    await fetch(`${t.url}/workspaces/default/secrets/API_KEY`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: `{"value": "${CANARY}-e`,
    });
    // A wrong token in the header, and a right one.
    await t.call('GET', '/me', `weft_${CANARY}-wrong-token`);
    await t.call('GET', '/workspaces/default/secrets', token);
    const answers = [
      await t.call('GET', '/workspaces/default/connectors/crm/credentials', token),
      await t.call('GET', '/workspaces/default/secrets', token),
    ];
    for (const answer of answers) expect(answer.text).not.toContain(CANARY);
    const logs = t.logText();
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).toContain('"msg":"secret saved"');
    expect(logs.split(CANARY).length - 1).toBe(0);
    expect(logs).not.toContain(ADMIN_TOKEN);
    expect(logs).not.toContain(token);
  });

  it('masks the redacted paths whatever logs them', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    logger.info({ req: { headers: { authorization: `Bearer ${CANARY}`, cookie: CANARY, 'x-api-key': CANARY } } }, 'request');
    logger.info({ config: { api_key: CANARY }, token: CANARY, value: CANARY }, 'top level');
    logger.info({ body: { value: CANARY, config: CANARY }, credentials: { config: CANARY } }, 'nested');
    logger.info({ deep: { er: { password: CANARY, client_secret: CANARY, refresh_token: CANARY } } }, 'two levels');
    logger.info({ headers: { authorization: CANARY } }, 'headers');
    const text = lines.join('');
    expect(lines).toHaveLength(5);
    expect(text.split(CANARY).length - 1).toBe(0);
    expect(text).toContain('[redacted]');
  });
});
