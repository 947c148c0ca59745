import { describe, expect, it } from 'vitest';
import { classifyIp, formatIp, parseIpLiteral } from '../../../connectors/index.js';

const classify = (literal: string) => {
  const bytes = parseIpLiteral(literal);
  if (!bytes) throw new Error(`not parsed: ${literal}`);
  return classifyIp(bytes);
};

describe('IP literals in every notation', () => {
  it.each([
    ['2130706433', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['0x7F000001', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['10.1', '10.0.0.1'],
    ['0', '0.0.0.0'],
    ['169.254.169.254', '169.254.169.254'],
    ['0xa9fea9fe', '169.254.169.254'],
    ['127.0.0.1.', '127.0.0.1'],
  ])('reads IPv4 %s as %s', (literal, dotted) => {
    expect(formatIp(parseIpLiteral(literal) as Uint8Array)).toBe(dotted);
  });

  it.each([
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
    ['::ffff:7f00:1', '::ffff:7f00:1'],
    ['[::]', '::'],
    ['::1', '::1'],
    ['[fe80::1%eth0]', 'fe80::1'],
    ['64:ff9b::a9fe:a9fe', '64:ff9b::a9fe:a9fe'],
    ['::127.0.0.1', '::7f00:1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
  ])('reads IPv6 %s', (literal, canonical) => {
    expect(formatIp(parseIpLiteral(literal) as Uint8Array)).toBe(canonical);
  });

  it('does not take DNS names or broken literals for addresses', () => {
    for (const text of ['example.com', '1.2.3.4.5', '256.1.1.1', '1e3', '::g', '127.0.0.1x', '08.1.1.1']) {
      expect(parseIpLiteral(text), text).toBeUndefined();
    }
  });
});

describe('address classification', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['017700000001', 'loopback'],
    ['127.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'cloud-metadata'],
    ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'shared-address-space'],
    ['100.127.255.254', 'shared-address-space'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['[::1]', 'loopback'],
    ['[::]', 'unspecified'],
    ['[::ffff:127.0.0.1]', 'ipv4-mapped'],
    ['[::ffff:8.8.8.8]', 'ipv4-mapped'],
    ['[::127.0.0.1]', 'ipv4-compatible'],
    ['[64:ff9b::127.0.0.1]', 'loopback'],
    ['[64:ff9b::a9fe:a9fe]', 'cloud-metadata'],
    ['[2002:7f00:1::]', 'loopback'],
    ['[2002:0a00:0001::1]', 'private'],
    ['[fc00::1]', 'unique-local'],
    ['[fd12:3456::1]', 'unique-local'],
    ['[fe80::1]', 'link-local'],
    ['[febf::1]', 'link-local'],
    ['[ff02::1]', 'multicast'],
    ['[2001:db8::1]', 'documentation'],
    ['[2001::1]', 'ietf-protocol-assignment'],
  ])('%s is %s', (literal, why) => {
    expect(classify(literal)).toBe(why);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '[2606:4700:4700::1111]', '[64:ff9b::808:808]', '[2002:808:808::1]'])(
    '%s is public',
    (literal) => {
      expect(classify(literal)).toBeUndefined();
    },
  );
});
