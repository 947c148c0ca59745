import { describe, expect, it } from 'vitest';
import { Masker } from '../../../connectors/index.js';
import { findSecretNames, replaceSecretPlaceholders } from '../../../connectors/secrets/secret-placeholders.js';
import { envSecretSource, resolveSecrets } from '../../../connectors/secrets/secret-resolver.js';
import { WeftError } from '../../../core/index.js';

describe('secret placeholders', () => {
  it('finds all three spellings, deep, in any string', () => {
    const value = {
      url: 'https://api.example.com/{{secrets.TENANT}}/x',
      headers: { Authorization: 'Bearer <<secrets.TOKEN>>', old: 'secrets.LEGACY_KEY' },
      body: [{ note: 'a {{ secrets.SPACED }} b' }],
      n: 3,
    };
    expect([...findSecretNames(value)].sort()).toEqual(['LEGACY_KEY', 'SPACED', 'TENANT', 'TOKEN']);
  });

  it('does not take words that merely contain "secrets." for placeholders', () => {
    expect([...findSecretNames('mysecrets.txt and x.secrets.y and secrets.')]).toEqual([]);
  });

  it('replaces in one pass: a resolved value is never scanned again', () => {
    const out = replaceSecretPlaceholders('{{secrets.A}}', (name) => (name === 'A' ? '{{secrets.B}}' : 'NO'));
    expect(out).toBe('{{secrets.B}}');
  });

  it('reads the environment only through the WEFT_SECRET_ prefix', async () => {
    const env = { WEFT_SECRET_API: 'from-env', PATH: '/usr/bin', API: 'unprefixed' };
    const masker = new Masker();
    expect(await resolveSecrets('x {{secrets.API}}', [envSecretSource(env)], masker)).toBe('x from-env');
    const error = await resolveSecrets('{{secrets.PATH}}', [envSecretSource(env)], masker).catch((e: WeftError) => e);
    expect(error).toBeInstanceOf(WeftError);
    expect((error as WeftError).code).toBe('SECRET_NOT_AVAILABLE');
    expect((error as WeftError).message).toBe('secret PATH is not available');
    expect((error as WeftError).retryable).toBe(false);
  });

  it('asks the sources in order', async () => {
    const first = { get: async (n: string) => (n === 'A' ? 'one' : undefined) };
    const second = { get: async () => 'two' };
    expect(await resolveSecrets(['{{secrets.A}}', '{{secrets.B}}'], [first, second], new Masker())).toEqual(['one', 'two']);
  });
});

describe('Masker', () => {
  it('masks a value and its URL-, form- and JSON-escaped spellings', () => {
    const masker = new Masker();
    masker.add('p@ss word/"x"');
    expect(masker.mask('raw p@ss word/"x" end')).toBe('raw *** end');
    expect(masker.mask('q=p%40ss%20word%2F%22x%22')).toBe('q=***');
    expect(masker.mask('q=p%40ss+word%2F%22x%22')).toBe('q=***');
    expect(masker.mask('{"v":"p@ss word/\\"x\\""}')).toBe('{"v":"***"}');
  });

  it('masks deeply, keys and numbers included, longest value first', () => {
    const masker = new Masker();
    masker.add('abc');
    masker.add('abcdef');
    masker.add('424242');
    expect(masker.maskDeep({ abcdef: ['xx abcdef', 424242, 'abc'], ok: true })).toEqual({ '***': ['xx ***', '***', '***'], ok: true });
  });
});
