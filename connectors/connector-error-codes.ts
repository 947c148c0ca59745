/**
 * Every error code the connectors layer raises, in one registry. Each is documented in
 * docs/errors/connectors.md (a test checks it). Camunda REST tasks also report HTTP status
 * codes ("404") and "500" for transport failures; JSON connectors report the API's own codes.
 */
export const connectorErrorCodes = [
  'CONNECTOR_DEFINITION_INVALID',
  'CONNECTOR_NOT_FOUND',
  'CONNECTOR_ACTION_NOT_FOUND',
  'CONNECTOR_INPUT_INVALID',
  'CONNECTOR_CANCELLED',
  'CONNECTOR_INTERNAL_ERROR',
  'CREDENTIALS_INVALID',
  'SECRET_NOT_AVAILABLE',
  'SECRET_NAME_INVALID',
  'OAUTH_TOKEN_FAILED',
  'URL_INVALID',
  'SCHEME_NOT_ALLOWED',
  'SSRF_BLOCKED',
  'DOMAIN_NOT_ALLOWED',
  'PORT_NOT_ALLOWED',
  'DNS_LOOKUP_FAILED',
  'TOO_MANY_REDIRECTS',
  'RESPONSE_TOO_LARGE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_UNREACHABLE',
  'UPSTREAM_TLS_FAILED',
  'UPSTREAM_PROTOCOL_ERROR',
  'EGRESS_CONFIG_INVALID',
  'VAULT_KEY_MISSING',
  'VAULT_KEY_MISMATCH',
  'VAULT_KEY_INVALID',
  'VAULT_DECRYPT_FAILED',
] as const;

/** One registered connector error code. */
export type ConnectorErrorCode = (typeof connectorErrorCodes)[number];
