import { authTypes } from './connector-definition.js';

const slug = '^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$';
const fieldName = '^[A-Za-z_][A-Za-z0-9_]{0,63}$';
const templated = { type: 'object', additionalProperties: { type: 'string', maxLength: 2000 }, maxProperties: 50 } as const;

/** JSON Schema (draft 2020-12 subset ajv supports) of a connector definition. */
export const connectorDefinitionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['connector_id', 'display_name', 'auth_type', 'auth_schema', 'actions', 'allowed_domains', 'enabled'],
  properties: {
    connector_id: { type: 'string', pattern: slug },
    display_name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 2000 },
    auth_type: { enum: [...authTypes] },
    auth_schema: {
      type: 'object',
      additionalProperties: false,
      required: ['fields'],
      properties: {
        fields: {
          type: 'array',
          maxItems: 30,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'label', 'type'],
            properties: {
              name: { type: 'string', pattern: fieldName },
              label: { type: 'string', minLength: 1, maxLength: 200 },
              type: { enum: ['string', 'password', 'text', 'url'] },
              required: { type: 'boolean' },
            },
          },
        },
      },
    },
    auth_options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        placement: { enum: ['header', 'query'] },
        name: { type: 'string', pattern: '^[A-Za-z0-9!#$%&\'*+.^_`|~-]{1,100}$' },
        prefix: { type: 'string', maxLength: 50 },
        key_secret_style: { enum: ['basic', 'headers'] },
        key_header: { type: 'string', pattern: '^[A-Za-z0-9!#$%&\'*+.^_`|~-]{1,100}$' },
        secret_header: { type: 'string', pattern: '^[A-Za-z0-9!#$%&\'*+.^_`|~-]{1,100}$' },
        token_url: { type: 'string', pattern: '^https://' },
        scopes: { type: 'string', maxLength: 2000 },
        audience: { type: 'string', maxLength: 500 },
        client_authentication: { enum: ['body', 'basic'] },
        jwt_mode: { enum: ['bearer', 'token_exchange'] },
        jwt_ttl_seconds: { type: 'integer', minimum: 30, maximum: 3600 },
      },
    },
    actions: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['action_id', 'http_method', 'url_template'],
        properties: {
          action_id: { type: 'string', pattern: slug },
          display_name: { type: 'string', maxLength: 200 },
          http_method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
          url_template: { type: 'string', pattern: '^https://', maxLength: 2000 },
          headers: templated,
          query: templated,
          body_encoding: { enum: ['json', 'form'] },
          body_schema: {
            type: 'array',
            maxItems: 200,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'label'],
              properties: {
                name: { type: 'string', pattern: fieldName },
                label: { type: 'string', minLength: 1, maxLength: 200 },
                required: { type: 'boolean' },
                type: { enum: ['string', 'number', 'integer', 'boolean', 'object', 'array'] },
              },
            },
          },
        },
      },
    },
    allowed_domains: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: { type: 'string', pattern: '^(\\*\\.)?[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?$' },
    },
    enabled: { type: 'boolean' },
  },
} as const;
