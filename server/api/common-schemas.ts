import { SLUG_PATTERN } from '../../models/index.js';

/**
 * JSON Schema fragments the route schemas share (compiled once at boot by fastify; they
 * also feed /openapi.json).
 */

/** An org or workspace id. */
export const slugSchema = { type: 'string', pattern: SLUG_PATTERN.source } as const;

/** A key: digits, as a string (keys are strings on the wire). */
export const keySchema = { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } as const;

/** A JSON object of process variables. */
export const variablesSchema = { type: 'object', additionalProperties: true } as const;

/** Cursor paging: `cursor` is the `nextCursor` of the previous page. */
export const pagingQuery = {
  cursor: { type: 'string', pattern: '^[0-9]{1,16}$' },
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
} as const;

/** Every authenticated route declares this security requirement (openapi). */
export const bearer = [{ bearerAuth: [] }];

/** Params of the routes under /orgs/:org. */
export const orgParams = { type: 'object', required: ['org'], properties: { org: slugSchema } } as const;

/** Params of the routes under /workspaces/:ws. */
export const workspaceParams = { type: 'object', required: ['ws'], properties: { ws: slugSchema } } as const;
