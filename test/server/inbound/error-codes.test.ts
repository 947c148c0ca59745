import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);

describe('webhook error codes', () => {
  const doc = readFileSync(new URL('docs/errors/webhooks.md', root), 'utf8');
  const documented = new Map([...doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])]));

  it('every WebhookError raised in server/inbound is documented with the status it answers', () => {
    const dir = new URL('server/inbound/', root);
    const raised = new Map<string, number>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      for (const m of source.matchAll(/new WebhookError\(\s*'([A-Z_]+)',\s*(\d{3})/g)) raised.set(m[1]!, Number(m[2]));
    }
    expect(raised.size).toBeGreaterThan(10);
    for (const [code, status] of raised) expect(documented.get(code), code).toBe(status);
  });

  it('the status table of docs/webhooks.md agrees with the error registry', () => {
    const guide = readFileSync(new URL('docs/webhooks.md', root), 'utf8');
    for (const m of guide.matchAll(/^\| (\d{3}) \| `([A-Z_]+)` \|/gm)) expect(documented.get(m[2]!), m[2]).toBe(Number(m[1]));
  });
});
