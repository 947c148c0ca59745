// The upstream of the REST connector benchmark (issue #3): an HTTPS JSON API on
// 127.0.0.1, keep-alive, one route `GET /orders/<id>` → 200 application/json. It runs as
// its own process so it never shares an event loop with the engine or client measured.
// argv[2]: JSON { certPath, keyPath, delayMs? } — delayMs: every answer waits that long, as a
// real API across a network does. Over IPC: sends { port } once listening; answers
// { type: 'stats' } with { type: 'stats', requests, connections } (TLS connections accepted).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { orderDocument } from '../../scenarios/order-api.mjs';

const { certPath, keyPath, delayMs = 0 } = JSON.parse(process.argv[2]);
let requests = 0;
let connections = 0;

const server = createServer({ cert: readFileSync(certPath), key: readFileSync(keyPath), keepAliveTimeout: 65_000 }, (req, res) => {
  requests++;
  const match = req.method === 'GET' ? /^\/orders\/(\d{1,9})$/.exec(req.url ?? '') : null;
  if (!match) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found"}}');
    return;
  }
  const body = JSON.stringify(orderDocument(Number(match[1])));
  const answer = () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  if (delayMs > 0) setTimeout(answer, delayMs);
  else answer();
});
server.on('secureConnection', () => connections++);
// Keep connections for as long as the client pools do (undici's default keep-alive is 4 s).
server.headersTimeout = 70_000;
server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.address().port }));
process.on('message', (message) => {
  if (message?.type === 'stats') process.send({ type: 'stats', requests, connections });
});
process.on('disconnect', () => process.exit(0));
