/**
 * Additional authenticated data binding each sealed record to its place. A ciphertext copied
 * to another workspace, connector or secret name no longer authenticates. JSON arrays keep
 * the parts unambiguous ("ab"+"c" ≠ "a"+"bc").
 */
export const credentialAad = (workspaceId: string, connectorId: string): string =>
  JSON.stringify(['weft/credential/v1', workspaceId, connectorId]);

/** AAD of a workspace secret: workspace + "secret:" + name, unambiguously encoded. */
export const secretAad = (workspaceId: string, name: string): string =>
  JSON.stringify(['weft/secret/v1', workspaceId, `secret:${name}`]);
