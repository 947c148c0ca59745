/** Repositories of connector definitions, the credential/secret vault and org settings. */
export { ConnectorDefinitionRepository } from './connector-definition-repository.js';
export type { DefinitionRow, SavedDefinition, DefinitionSummary } from './connector-definition-repository.js';
export { WorkspaceCredentialRepository } from './workspace-credential-repository.js';
export type { CredentialRow, CredentialSummary } from './workspace-credential-repository.js';
export { WorkspaceSecretRepository } from './workspace-secret-repository.js';
export { OrgSettingsRepository } from './org-settings-repository.js';
export { VaultStorageRepository } from './vault-storage-repository.js';
export type { VaultKeyRow, SealedVaultRow } from './vault-storage-repository.js';
export type { SealedColumns } from './sealed-columns.js';
