// Raw undici, the ceiling of the REST connector benchmark: one keep-alive `Agent` (as
// Weft's egress client uses), one GET per operation to the scenario's server, the body
// read and parsed as JSON, the scenario's mapping applied. No engine, nothing persisted.
import { Agent } from 'undici';

export const name = 'undici';

/**
 * @param {{ origin: string, path: (i: number) => string, headers?: object, result: (variables: object, body: unknown) => object, variables?: (i: number) => object }} spec
 */
export async function setup(spec) {
  // Unlimited connections per origin, like the engine's: the closed loop's N in flight open at most N.
  const agent = new Agent({ keepAliveTimeout: 60_000 });
  const variables = spec.variables ?? (() => ({}));
  let statusErrors = 0;

  async function runOne(i) {
    const response = await agent.request({ origin: spec.origin, path: spec.path(i), method: 'GET', headers: spec.headers ?? {} });
    const text = await response.body.text();
    if (response.statusCode !== 200) {
      statusErrors++;
      throw new Error(`status ${response.statusCode}`);
    }
    return spec.result(variables(i), JSON.parse(text));
  }

  return {
    async startOne(i) {
      await runOne(i);
    },
    probe: runOne,
    diagnostics: () => ({ statusErrors }),
    close: () => agent.close(),
  };
}
