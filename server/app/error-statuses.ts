/**
 * The one table from error codes to HTTP statuses (seed 003's status meanings). Codes of
 * every layer that can reach the API are listed; any other code answers 500. The codes
 * themselves are documented under docs/errors/.
 */
const statuses: Readonly<Record<number, readonly string[]>> = {
  400: [
    'REQUEST_INVALID',
    'SLUG_INVALID',
    'DEPLOYMENT_EMPTY',
    'DEPLOYMENT_INVALID',
    'CONNECTOR_DEFINITION_INVALID',
    'CREDENTIALS_INVALID',
    'SECRET_NAME_INVALID',
    'PROCESS_NOT_SPECIFIED',
    'NO_NONE_START_EVENT',
    'VARIABLES_INVALID',
    'RETRIES_INVALID',
    'KEY_INVALID',
    'SCOPE_NOT_FOUND',
    'ERROR_CODE_MISSING',
    'TOKEN_ROLE_INVALID',
    'CONFIG_INVALID',
  ],
  401: ['UNAUTHENTICATED'],
  403: ['FORBIDDEN'],
  404: [
    'ROUTE_NOT_FOUND',
    'ORG_NOT_FOUND',
    'WORKSPACE_NOT_FOUND',
    'PROCESS_NOT_FOUND',
    'PROCESS_INSTANCE_NOT_FOUND',
    'INCIDENT_NOT_FOUND',
    'JOB_NOT_FOUND',
    'CONNECTOR_NOT_FOUND',
    'TOKEN_NOT_FOUND',
    'SECRET_NOT_FOUND',
  ],
  409: ['ORG_EXISTS', 'WORKSPACE_EXISTS', 'PROCESS_INSTANCE_NOT_ACTIVE', 'JOB_NOT_ACTIVATABLE'],
  413: ['PAYLOAD_TOO_LARGE', 'VARIABLE_TOO_LARGE'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
  503: ['DATABASE_UNAVAILABLE'],
};

const byCode = new Map<string, number>(Object.entries(statuses).flatMap(([status, codes]) => codes.map((code) => [code, Number(status)] as const)));

/** The HTTP status an error code answers with; 500 for codes not in the table. */
export function statusOfCode(code: string): number {
  return byCode.get(code) ?? 500;
}

/** Every code the table maps (for the documentation test). */
export function mappedCodes(): readonly string[] {
  return [...byCode.keys()];
}
