import { describe, expect, it } from 'vitest';
import { readServerConfig } from '../../../server/serve/server-config.js';

describe('weft serve settings', () => {
  it('defaults to 127.0.0.1:8080 with data in ./.weft', () => {
    expect(readServerConfig({}, '/srv/app')).toEqual({
      host: '127.0.0.1',
      port: 8080,
      dataDir: '/srv/app/.weft',
      adminToken: undefined,
      logLevel: 'info',
      shutdownGraceMs: 10_000,
      maxConcurrentJobs: 64,
    });
  });

  it('reads WEFT_* and refuses unusable values naming the variable', () => {
    const config = readServerConfig({ WEFT_HOST: '0.0.0.0', WEFT_PORT: '0', WEFT_DATA_DIR: '/var/lib/weft', WEFT_ADMIN_TOKEN: 'a-long-enough-admin-token', WEFT_LOG_LEVEL: 'warn', WEFT_MAX_CONCURRENT_JOBS: '256' });
    expect(config).toMatchObject({ host: '0.0.0.0', port: 0, dataDir: '/var/lib/weft', adminToken: 'a-long-enough-admin-token', logLevel: 'warn', maxConcurrentJobs: 256 });
    for (const [env, name] of [
      [{ WEFT_PORT: '80a' }, 'WEFT_PORT'],
      [{ WEFT_PORT: '70000' }, 'WEFT_PORT'],
      [{ WEFT_ADMIN_TOKEN: 'short' }, 'WEFT_ADMIN_TOKEN'],
      [{ WEFT_LOG_LEVEL: 'loud' }, 'WEFT_LOG_LEVEL'],
      [{ WEFT_SHUTDOWN_GRACE_MS: '-1' }, 'WEFT_SHUTDOWN_GRACE_MS'],
      [{ WEFT_MAX_CONCURRENT_JOBS: '0' }, 'WEFT_MAX_CONCURRENT_JOBS'],
      [{ WEFT_MAX_CONCURRENT_JOBS: '1.5' }, 'WEFT_MAX_CONCURRENT_JOBS'],
    ] as const) {
      expect(() => readServerConfig(env)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(name) }));
    }
  });
});
