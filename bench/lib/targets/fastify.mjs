// A bare Fastify hello-world (lib/servers/fastify-hello.mjs) in its own process: the
// ceiling for "one HTTP request in, one JSON answer out" with the framework `weft serve`
// is built on, measured the same way.
import { startServerProcess } from '../server-process.mjs';

export const name = 'fastify';

/** @param {{ requests: object[] }} spec */
export async function setup(spec) {
  const server = await startServerProcess('fastify-hello');
  const origin = `http://127.0.0.1:${server.port}`;
  return {
    origin,
    pid: server.pid,
    requests: spec.requests,
    async probe() {
      const [request] = spec.requests;
      const response = await fetch(`${origin}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
      const body = await response.text();
      if (response.status !== 200 || body !== '{"hello":"world"}') throw new Error(`probe: answered ${response.status} ${body.slice(0, 200)}`);
      return { variables: {}, started: 1 };
    },
    /** Requests the route handled (its counter, over IPC). */
    count: async () => (await server.stats()).requests,
    diagnostics: () => ({}),
    close: () => server.close(),
  };
}
