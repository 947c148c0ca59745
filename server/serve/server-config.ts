import { resolve } from 'node:path';
import { WeftError } from '../../core/index.js';

/** Settings of `weft serve`, all from WEFT_* environment variables (docs/api.md). */
export interface ServerConfig {
  /** `WEFT_HOST`, default 127.0.0.1. */
  readonly host: string;
  /** `WEFT_PORT`, default 8080; 0 picks a free port. */
  readonly port: number;
  /** `WEFT_DATA_DIR`, default ./.weft: weft.db and master.key live here. */
  readonly dataDir: string;
  /** `WEFT_ADMIN_TOKEN`: a platform-admin token fixed by configuration (only its hash is stored). */
  readonly adminToken: string | undefined;
  /** `WEFT_LOG_LEVEL`, default info. */
  readonly logLevel: string;
  /** `WEFT_SHUTDOWN_GRACE_MS`, default 10000: how long running jobs may finish at shutdown. */
  readonly shutdownGraceMs: number;
  /** `WEFT_MAX_CONCURRENT_JOBS`, default 64: jobs of one type (one connector) running at once. */
  readonly maxConcurrentJobs: number;
}

const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Read and check the server settings. @throws WeftError CONFIG_INVALID naming the variable. */
export function readServerConfig(env: Readonly<Record<string, string | undefined>>, cwd: string = process.cwd()): ServerConfig {
  const port = integer(env, 'WEFT_PORT', 8080, 0, 65535);
  const adminToken = env.WEFT_ADMIN_TOKEN === undefined || env.WEFT_ADMIN_TOKEN === '' ? undefined : env.WEFT_ADMIN_TOKEN;
  if (adminToken !== undefined && (adminToken.length < 16 || /\s/.test(adminToken))) {
    throw new WeftError('CONFIG_INVALID', 'WEFT_ADMIN_TOKEN must be at least 16 characters without spaces');
  }
  const logLevel = env.WEFT_LOG_LEVEL ?? 'info';
  if (!levels.includes(logLevel)) throw new WeftError('CONFIG_INVALID', `WEFT_LOG_LEVEL must be one of ${levels.join(', ')}`);
  return {
    host: env.WEFT_HOST || '127.0.0.1',
    port,
    dataDir: resolve(cwd, env.WEFT_DATA_DIR || '.weft'),
    adminToken,
    logLevel,
    shutdownGraceMs: integer(env, 'WEFT_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    maxConcurrentJobs: integer(env, 'WEFT_MAX_CONCURRENT_JOBS', 64, 1, 10_000),
  };
}

function integer(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new WeftError('CONFIG_INVALID', `${name} must be an integer from ${min} to ${max}, got '${raw}'`);
  return value;
}
