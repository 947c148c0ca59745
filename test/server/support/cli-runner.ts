import { main } from '../../../server/cli/main.js';

/** What one `weft …` run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the CLI in this process (the same `main` bin/weft runs) with its own environment. */
export async function weft(argv: readonly string[], env: Record<string, string | undefined>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { PATH: process.env.PATH, ...env },
  });
  return { code, stdout, stderr };
}
