// The baseline of the webhook benchmark (issue #4): a bare Fastify hello-world — the
// package's defaults (no logger, its JSON body parser), one route answering every POST
// with {"hello":"world"}. Run as its own process, measured exactly as `weft serve`.
// Over IPC: sends { port } once listening; answers { type: 'stats' } with { requests, connections }.
import Fastify from 'fastify';

const app = Fastify();
let requests = 0;
let connections = 0;
app.server.on('connection', () => connections++);
app.post('/inbound/:webhookId', async () => {
  requests++;
  return { hello: 'world' };
});
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.send({ type: 'ready', port: Number(new URL(address).port) });
process.on('message', (message) => {
  if (message?.type === 'stats') process.send({ type: 'stats', requests, connections });
});
process.on('disconnect', () => process.exit(0));
