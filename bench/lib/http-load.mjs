// An HTTP load driver for servers in another process: autocannon with `connections`
// keep-alive connections, each sending its next request as soon as the previous answer
// arrived (pipelining 1). Like lib/closed-loop.mjs it warms up, then opens a window; only
// answers that arrive inside the window count, and only those with the expected status.
import autocannon from 'autocannon';

/**
 * @typedef {object} HttpLoadOptions
 * @property {string} url                 origin of the server, e.g. http://127.0.0.1:8080
 * @property {object[]} requests          autocannon requests ({method, path, headers, body}); each connection cycles through them
 * @property {number} connections
 * @property {number} warmupMs
 * @property {number} durationMs          the measurement window
 * @property {number} [expectStatus]      the status that counts as done (default 200)
 * @property {() => void} [onWindowOpen]
 * @property {(windowMs: number) => void} [onWindowClose]
 */

/**
 * Run the load. Resolves with `{ completed, windowMs, throughput, latencies, statuses,
 * answered, errors, firstError }`: `completed` / `latencies` are the expected-status answers
 * inside the window; `answered` counts them over the whole run (warm-up and window, for
 * checking against what the server did); `statuses` counts every answer by status.
 * @param {HttpLoadOptions} options
 */
export function httpLoad(options) {
  const expect = options.expectStatus ?? 200;
  const latencies = [];
  const statuses = {};
  let phase = 'warmup';
  let answered = 0;
  let errors = 0;
  let firstError;
  let measureStart = 0;
  let measureEnd = 0;

  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url: options.url,
      connections: options.connections,
      pipelining: 1,
      requests: options.requests,
      // Ended by stop() after the window; the duration is only a backstop.
      duration: Math.ceil((options.warmupMs + options.durationMs) / 1000) + 30,
      timeout: 20,
      // stop() takes effect at the next sample tick: keep it short so the load ends with the window.
      sampleInt: 100,
    });
    instance.on('error', reject);
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode === expect) {
        answered++;
        if (phase === 'measure') latencies.push(responseTime);
      } else {
        errors++;
        firstError ??= `status ${statusCode}`;
      }
    });
    instance.on('reqError', (error) => {
      errors++;
      firstError ??= error?.message ?? String(error);
    });
    const opened = setTimeout(() => {
      phase = 'measure';
      measureStart = performance.now();
      options.onWindowOpen?.();
      setTimeout(() => {
        measureEnd = performance.now();
        phase = 'stopping';
        options.onWindowClose?.(measureEnd - measureStart);
        instance.stop();
      }, options.durationMs);
    }, options.warmupMs);
    instance.on('done', () => {
      clearTimeout(opened);
      if (phase === 'warmup') return reject(new Error('autocannon finished before the window opened'));
      const windowMs = measureEnd - measureStart;
      resolve({ completed: latencies.length, windowMs, throughput: latencies.length / (windowMs / 1000), latencies, statuses, answered, errors, firstError });
    });
  });
}
