import { Ajv } from 'ajv';
import type { AnySchema } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * Route schemas compile with two ajv instances: query strings and path parameters are
 * text on the wire, so they are coerced (`?limit=5` → 5); JSON bodies are not — a body
 * saying `"api_key": 42` or `"enabled": "yes"` is refused, not silently converted.
 * Unknown body properties are refused too (`additionalProperties: false` means it).
 */
export function installValidatorCompiler(app: FastifyInstance): void {
  const options = { useDefaults: true, removeAdditional: false, allErrors: true, strict: false } as const;
  const bodies = addFormats.default(new Ajv({ ...options, coerceTypes: false }));
  const texts = addFormats.default(new Ajv({ ...options, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodies : texts).compile(schema as AnySchema));
}
