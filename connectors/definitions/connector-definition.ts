/**
 * A connector definition (seed 004, tier 1): everything the one generic HTTP handler needs
 * to call a third-party API. Adding a connector is writing one of these, never code.
 */
export interface ConnectorDefinition {
  /** Durable slug joining the three tiers: `hubspot`, `stripe`, … Job type: `connector:<id>`. */
  readonly connector_id: string;
  readonly display_name: string;
  readonly description?: string;
  readonly auth_type: AuthType;
  /** Drives the credential form each workspace fills in. */
  readonly auth_schema: { readonly fields: readonly AuthField[] };
  /** How the credentials are applied, where the auth type leaves a choice. */
  readonly auth_options?: AuthOptions;
  readonly actions: readonly ConnectorAction[];
  /** Hosts the executor may call; `*.example.com` = subdomains only; `host:port` allows a port. */
  readonly allowed_domains: readonly string[];
  /** Platform kill-switch. */
  readonly enabled: boolean;
}

/** The connection types of seed 001, plus `none` for public APIs. */
export const authTypes = [
  'none',
  'api_key',
  'api_key_secret',
  'basic',
  'bearer',
  'oauth2_client_credentials',
  'oauth2_authorization_code',
  'private_key',
] as const;
/** One of `authTypes`. */
export type AuthType = (typeof authTypes)[number];

/** One field of the credential form. */
export interface AuthField {
  readonly name: string;
  readonly label: string;
  readonly type: 'string' | 'password' | 'text' | 'url';
  readonly required?: boolean;
}

/** Platform-chosen details of applying credentials (see docs/connectors.md, "Auth types"). */
export interface AuthOptions {
  /** api_key: where the key goes (default header). */
  readonly placement?: 'header' | 'query';
  /** api_key: header or query parameter name (default `x-api-key`). */
  readonly name?: string;
  /** api_key: text put before the key, e.g. `Bearer `. */
  readonly prefix?: string;
  /** api_key_secret: `basic` (default: key as user, secret as password) or `headers`. */
  readonly key_secret_style?: 'basic' | 'headers';
  /** api_key_secret with `headers`: the two header names. */
  readonly key_header?: string;
  readonly secret_header?: string;
  /** OAuth / private_key: token endpoint when the platform fixes it (a credential field may not override it). */
  readonly token_url?: string;
  readonly scopes?: string;
  readonly audience?: string;
  /** OAuth: how the client authenticates at the token endpoint (default `body`). */
  readonly client_authentication?: 'body' | 'basic';
  /** private_key: send the signed JWT as the bearer token, or exchange it at token_url (RFC 7523). */
  readonly jwt_mode?: 'bearer' | 'token_exchange';
  /** private_key: lifetime of each assertion (default 300 s, max 3600). */
  readonly jwt_ttl_seconds?: number;
}

/** One thing an org admin can pick in an automation. */
export interface ConnectorAction {
  readonly action_id: string;
  readonly display_name?: string;
  readonly http_method: HttpMethod;
  /** `https://api.example.com/v1/contacts/{{contact_id}}`; `{{x}}` values become ONE encoded segment. */
  readonly url_template: string;
  /** Templated header values: `{"X-Account": "{{account}}"}`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Templated query parameters. */
  readonly query?: Readonly<Record<string, string>>;
  /** The action's inputs: a body for POST/PUT/PATCH, query parameters for GET/DELETE. */
  readonly body_schema?: readonly BodyField[];
  /** How the body is sent: JSON (default) or `application/x-www-form-urlencoded` (e.g. Stripe). */
  readonly body_encoding?: 'json' | 'form';
}

/** Methods an action may use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One input of an action, named like the job variable that fills it. */
export interface BodyField {
  readonly name: string;
  readonly label: string;
  readonly required?: boolean;
  readonly type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
}
