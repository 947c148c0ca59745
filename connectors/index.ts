/**
 * connectors/: definitions, the generic HTTP handler, the Camunda REST connector, auth,
 * secrets, the egress guard and the credential vault. Imports only core/ (and nothing of
 * models/ at runtime: the stores are interfaces the models repositories implement).
 */
export type { ConnectorJob, ConnectorOutcome, ConnectorRuntime, ConnectorError, ExchangeRecord } from './connector-job.js';
export { createConnectorRuntime } from './connector-runtime.js';
export type { ConnectorRuntimeOptions, ConnectorRuntimeHandle } from './connector-runtime.js';
export type { ConnectorLogger } from './runtime-deps.js';
export type { CredentialStore, DefinitionStore, OrgSettings, SecretStore, SealedRecord, StoredCredential, StoredDefinition } from './connector-stores.js';
export { connectorErrorCodes } from './connector-error-codes.js';
export type { ConnectorErrorCode } from './connector-error-codes.js';
export { CAMUNDA_REST_JOB_TYPE } from './camunda-rest/rest-connector.js';
export { CONNECTOR_JOB_PREFIX } from './http/http-connector.js';

// Definitions
export { validateDefinition, checkDefinition, requiredAuthFields } from './definitions/validate-definition.js';
export type { DefinitionProblem } from './definitions/validate-definition.js';
export { connectorDefinitionSchema } from './definitions/definition-schema.js';
export { authTypes } from './definitions/connector-definition.js';
export type { ConnectorDefinition, ConnectorAction, AuthType, AuthField, AuthOptions, BodyField, HttpMethod } from './definitions/connector-definition.js';

// Vault
export { openVault, Vault } from './vault/vault.js';
export type { OpenVaultOptions } from './vault/vault.js';
export { rotateKeys } from './vault/rotate-keys.js';
export type { RotationResult } from './vault/rotate-keys.js';
export { parseMasterKey, KEY_FILE_NAME } from './vault/master-key.js';
export type { MasterKeySource } from './vault/master-key.js';
export { WorkspaceVault } from './vault/workspace-vault.js';
export type { LoadedCredentials } from './vault/workspace-vault.js';
export type { VaultStorage, VaultKeyRecord, SealedRow } from './vault/vault-storage.js';

// Egress and secrets
export { resolveEgressOptions, egressWarnings, egressAllowFromEnv } from './egress/egress-config.js';
export type { EgressOptions, LookupFunction, LookupAnswer, ResolvedEgressOptions } from './egress/egress-config.js';
export { parseIpLiteral, formatIp } from './egress/ip-address.js';
export { classifyIp } from './egress/ip-policy.js';
export type { BlockedRange } from './egress/ip-policy.js';
export { checkDomainPolicy } from './egress/domain-rules.js';
export type { DomainPolicy } from './egress/domain-rules.js';
export { Masker, MASK } from './secrets/masker.js';
export { ENV_SECRET_PREFIX, envSecretSource, resolveSecrets } from './secrets/secret-resolver.js';
export type { SecretSource } from './secrets/secret-resolver.js';
