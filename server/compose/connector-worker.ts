/**
 * The connector thread (a worker_threads entry point): the connector runtime — secrets,
 * credentials, the egress guard, TLS, HTTP, response parsing — runs here, on its own
 * connection to the database, so none of it takes the engine's event loop. Messages: see
 * `connector-thread-messages.ts`; the main side is `connector-thread.ts`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Cancellation, ChurnMap } from '../../core/index.js';
import type { ConnectorOutcome } from '../../connectors/index.js';
import { connectSqlite } from '../../models/index.js';
import { openConnectorServices } from './connector-services.js';
import type { ConnectorWorkerData, FromConnectorThread, ToConnectorThread } from './connector-thread-messages.js';

const port = parentPort!;
const data = workerData as ConnectorWorkerData;
const send = (message: FromConnectorThread): void => port.postMessage(message);

try {
  const handle = connectSqlite(data.path, { busyTimeoutMs: data.busyTimeoutMs });
  // The same composition as the engine's side, on this thread's connection (jobs run inline here).
  const { runtime, orgSettings } = await openConnectorServices({
    handle,
    env: data.env,
    ...(data.dataDir ? { dataDir: data.dataDir } : {}),
    logger: {
      ...(data.debug ? { debug: (message: string, fields?: Record<string, unknown>) => send({ type: 'log', level: 'debug', message, ...(fields ? { fields } : {}) }) } : {}),
      warn: (message, fields) => send({ type: 'log', level: 'warn', message, ...(fields ? { fields } : {}) }),
    },
  });

  const running = new ChurnMap<Cancellation>();
  let done: [number, ConnectorOutcome][] = [];
  const flush = (): void => {
    if (done.length === 0) return;
    const outcomes = done;
    done = [];
    send({ type: 'outcomes', outcomes });
  };
  const finished = (id: number, outcome: ConnectorOutcome): void => {
    running.delete(id);
    // Outcomes of one turn go back in one message.
    if (done.push([id, outcome]) === 1) setImmediate(flush);
  };

  port.on('message', (message: ToConnectorThread) => {
    switch (message.type) {
      case 'execute':
        for (const [id, job] of message.jobs) {
          const cancel = new Cancellation();
          running.set(id, cancel);
          void runtime.execute({ ...job, cancel }).then((outcome) => finished(id, outcome));
        }
        return;
      case 'cancel':
        running.get(message.id)?.cancel(new Error(message.reason));
        return;
      case 'forget-org':
        orgSettings.forget(message.orgId);
        send({ type: 'forgotten', id: message.id });
        return;
      case 'close':
        for (const cancel of running.values()) cancel.cancel(new Error('the connector thread is closing'));
        // The runtime's close gives up connects still opening, so nothing is left to keep
        // this thread's event loop alive: it ends by itself once the port closes.
        void runtime
          .close()
          .then(() => handle.close())
          .finally(() => {
            flush();
            port.close();
          });
        return;
    }
  });
  send({ type: 'ready' });
} catch (error) {
  const e = error as { message?: string; code?: string };
  send({ type: 'start-failed', message: e.message ?? String(error), ...(e.code ? { code: e.code } : {}) });
  port.close();
}
