import type { TokenRecord } from '../../models/index.js';
import { isoTime } from './wire-format.js';

/** A token as the API lists it: never the text, never the hash. */
export function tokenView(record: TokenRecord) {
  return {
    id: record.id,
    role: record.role,
    orgId: record.orgId,
    workspaceId: record.workspaceId,
    label: record.label,
    createdAt: isoTime(record.createdAt),
    revoked: record.revoked,
  };
}

/** JSON Schema of a token creation body (`org` only on /admin/tokens). */
export function tokenBodySchema(roles: readonly string[], withOrg: boolean) {
  return {
    type: 'object',
    required: ['role'],
    additionalProperties: false,
    properties: {
      role: { type: 'string', enum: [...roles] },
      ...(withOrg ? { org: { type: 'string', maxLength: 63 } } : {}),
      workspace: { type: 'string', maxLength: 63 },
      label: { type: 'string', maxLength: 200 },
    },
  } as const;
}
