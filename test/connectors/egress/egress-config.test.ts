import { describe, expect, it } from 'vitest';
import { egressAllowFromEnv, egressWarnings, resolveEgressOptions } from '../../../connectors/index.js';

describe('egress configuration', () => {
  it('has no exemption and no warning by default', () => {
    const options = resolveEgressOptions(undefined, {});
    expect(options.exemptions.size).toBe(0);
    expect(options.maxResponseBytes).toBe(10 * 1024 * 1024);
    expect(options.maxRedirects).toBe(5);
    expect(egressWarnings(options)).toEqual([]);
  });

  it('reads WEFT_EGRESS_ALLOW and warns loudly about it', () => {
    const env = { WEFT_EGRESS_ALLOW: 'LocalHost:8443, [::1]:9443,api.test:443' };
    expect(egressAllowFromEnv(env)).toEqual(['LocalHost:8443', '[::1]:9443', 'api.test:443']);
    const options = resolveEgressOptions(undefined, env);
    expect([...options.exemptions]).toEqual(['localhost:8443', '[::1]:9443', 'api.test:443']);
    expect(egressWarnings(options)[0]).toMatch(/WEFT_EGRESS_ALLOW is set: .*localhost:8443/);
  });

  it('refuses malformed exemptions and limits', () => {
    expect(() => resolveEgressOptions(undefined, { WEFT_EGRESS_ALLOW: 'localhost' })).toThrow(/host:port/);
    expect(() => resolveEgressOptions({ maxResponseBytes: -1 }, {})).toThrow(/maxResponseBytes/);
  });
});
