/** A valid connector definition (seed 004's shape) for API tests. */
export function connectorDefinition(id = 'crm', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    connector_id: id,
    display_name: 'CRM',
    auth_type: 'api_key',
    auth_schema: {
      fields: [
        { name: 'api_key', label: 'API key', type: 'password', required: true },
        { name: 'region', label: 'Region', type: 'string' },
      ],
    },
    actions: [{ action_id: 'create-contact', http_method: 'POST', url_template: 'https://api.crm.example/v1/contacts', body_schema: [{ name: 'Email', label: 'Email' }] }],
    allowed_domains: ['api.crm.example'],
    enabled: true,
    ...overrides,
  };
}
