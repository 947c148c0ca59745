import { describe, expect, it } from 'vitest';
import { WeftError } from '../../../core/index.js';
import { checkDomainPolicy } from '../../../connectors/index.js';

const code = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as WeftError).code;
  }
};

describe('allowed_domains matching', () => {
  const policy = { allowedDomains: ['*.salesforce.com', 'api.hubspot.com', 'upload.example.com:8443'] };

  it('a wildcard matches subdomains only, never the bare domain', () => {
    expect(code(() => checkDomainPolicy('na1.salesforce.com', 443, policy, false))).toBeUndefined();
    expect(code(() => checkDomainPolicy('a.b.salesforce.com', 443, policy, false))).toBeUndefined();
    expect(code(() => checkDomainPolicy('salesforce.com', 443, policy, false))).toBe('DOMAIN_NOT_ALLOWED');
    expect(code(() => checkDomainPolicy('evilsalesforce.com', 443, policy, false))).toBe('DOMAIN_NOT_ALLOWED');
    expect(code(() => checkDomainPolicy('salesforce.com.evil.com', 443, policy, false))).toBe('DOMAIN_NOT_ALLOWED');
  });

  it('an exact entry matches exactly (case and trailing dot normalized)', () => {
    expect(code(() => checkDomainPolicy('API.HubSpot.com.', 443, policy, false))).toBeUndefined();
    expect(code(() => checkDomainPolicy('x.api.hubspot.com', 443, policy, false))).toBe('DOMAIN_NOT_ALLOWED');
    expect(code(() => checkDomainPolicy('hubspot.com', 443, policy, false))).toBe('DOMAIN_NOT_ALLOWED');
  });

  it('only port 443 unless an entry names the port (or the pair is exempt)', () => {
    expect(code(() => checkDomainPolicy('api.hubspot.com', 8443, policy, false))).toBe('PORT_NOT_ALLOWED');
    expect(code(() => checkDomainPolicy('upload.example.com', 8443, policy, false))).toBeUndefined();
    expect(code(() => checkDomainPolicy('upload.example.com', 9443, policy, false))).toBe('PORT_NOT_ALLOWED');
    expect(code(() => checkDomainPolicy('api.hubspot.com', 8443, policy, true))).toBeUndefined();
  });

  it('both lists must pass when the org has an allowlist', () => {
    const both = { allowedDomains: ['*.salesforce.com'], orgAllowlist: ['eu1.salesforce.com'] };
    expect(code(() => checkDomainPolicy('eu1.salesforce.com', 443, both, false))).toBeUndefined();
    expect(code(() => checkDomainPolicy('na1.salesforce.com', 443, both, false))).toBe('DOMAIN_NOT_ALLOWED');
    expect(code(() => checkDomainPolicy('anything.com', 443, { orgAllowlist: [] }, false))).toBe('DOMAIN_NOT_ALLOWED');
    expect(code(() => checkDomainPolicy('anything.com', 443, {}, false))).toBeUndefined();
  });

  it('internationalized names are compared in punycode', () => {
    expect(code(() => checkDomainPolicy('xn--bcher-kva.example', 443, { allowedDomains: ['bücher.example'] }, false))).toBeUndefined();
  });
});
