import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { UsageError } from '../cli-error.js';
import { ApiClient } from './api-client.js';

/** Options every API command takes. */
export const clientOptions = {
  url: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

/** Parse a command line strictly; a mistake is a usage error that shows the usage. */
export function parseCommandLine<O extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: O, usage: string) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
}

/** The API client for `--url`/`WEFT_URL` (default http://127.0.0.1:8080) and `--token`/`WEFT_TOKEN`. */
export function clientFrom(values: { url?: string | undefined; token?: string | undefined }, env: NodeJS.ProcessEnv): ApiClient {
  const token = values.token ?? env.WEFT_TOKEN;
  if (!token) throw new UsageError('no API token: set WEFT_TOKEN (or --token); `weft serve` printed one at first start');
  return new ApiClient({ url: values.url ?? env.WEFT_URL ?? 'http://127.0.0.1:8080', token });
}

/** The calling token as `GET /me` describes it. */
export interface Me {
  readonly tokenId: string;
  readonly role: string;
  readonly orgId: string | null;
  readonly workspaceId: string | null;
}

/** The workspace a command acts in: `--workspace`, else `WEFT_WORKSPACE`, else the token's own. */
export async function workspaceFor(client: ApiClient, given: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  const explicit = given ?? env.WEFT_WORKSPACE;
  if (explicit) return explicit;
  const me = await client.get<Me>('/me');
  if (me.workspaceId) return me.workspaceId;
  throw new UsageError(`this ${me.role} token belongs to no single workspace: give --workspace (or set WEFT_WORKSPACE)`);
}

/** The org a command acts in: `--org`, else `WEFT_ORG`, else the token's own. */
export async function orgFor(client: ApiClient, given: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  const explicit = given ?? env.WEFT_ORG;
  if (explicit) return explicit;
  const me = await client.get<Me>('/me');
  if (me.orgId) return me.orgId;
  throw new UsageError(`this ${me.role} token belongs to no single org: give --org (or set WEFT_ORG)`);
}

/** A key argument: digits. */
export function keyArg(value: string | undefined, what: string, usage: string): string {
  if (value === undefined || !/^[1-9]\d{0,15}$/.test(value)) throw new UsageError(`give the ${what} (digits), got '${value ?? ''}'\n\n${usage}`);
  return value;
}

/** URL path segment. */
export const seg = (value: string): string => encodeURIComponent(value);
