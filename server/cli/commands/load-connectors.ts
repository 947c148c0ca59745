import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WeftError, isJsonObject } from '../../../core/index.js';
import { requiredAuthFields, validateDefinition } from '../../../connectors/index.js';
import type { ConnectorServices } from '../../compose/connector-services.js';
import { UsageError } from '../cli-error.js';

/** `--connectors DIR`: validate and store every `*.json` connector definition in DIR. */
export async function loadConnectorDefinitions(services: ConnectorServices, dir: string): Promise<string[]> {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (error) {
    throw new UsageError(`cannot read connectors directory '${dir}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const loaded: string[] = [];
  for (const file of files) {
    const path = join(dir, file);
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new UsageError(`${path}: not valid JSON: ${(error as Error).message}`);
    }
    try {
      const definition = validateDefinition(value);
      await services.definitions.save(definition as unknown as { connector_id: string });
      loaded.push(definition.connector_id);
    } catch (error) {
      if (!(error instanceof WeftError)) throw error;
      const problems = (error.details.problems as { path: string; message: string }[] | undefined) ?? [];
      const list = problems.map((p) => `\n  ${p.path}: ${p.message}`).join('');
      throw new UsageError(`${path}: ${error.message}${list}`);
    }
  }
  return loaded;
}

/**
 * `--credentials FILE`: `{"<connector_id>": {"enabled": true, "config": {…}}}`, stored
 * encrypted for the `default` workspace. Each config is checked against its connector's
 * auth type first.
 */
export async function loadCredentials(services: ConnectorServices, path: string): Promise<void> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read credentials file '${path}': ${(error as Error).message}`);
  }
  if (!isJsonObject(value)) throw new UsageError(`${path}: expected {"<connector_id>": {"enabled": true, "config": {…}}}`);
  for (const [connectorId, entry] of Object.entries(value)) {
    if (!isJsonObject(entry) || (entry.config !== undefined && !isJsonObject(entry.config))) {
      throw new UsageError(`${path}: '${connectorId}' must be {"enabled": true|false, "config": {…}}`);
    }
    const row = await services.definitions.latest(connectorId);
    if (!row) throw new UsageError(`${path}: no connector '${connectorId}' is defined (load it with --connectors)`);
    const config = (entry.config ?? {}) as Record<string, never>;
    const { auth_type: authType } = validateDefinition(row.definition);
    const missing = requiredAuthFields[authType].filter((field) => typeof config[field] !== 'string' || config[field] === '');
    if (entry.enabled !== false && missing.length > 0) {
      throw new UsageError(`${path}: '${connectorId}' (auth ${authType}) is missing ${missing.join(', ')}`);
    }
    await services.runtime.workspaceVault.saveCredentials('default', connectorId, config, entry.enabled !== false);
  }
}
