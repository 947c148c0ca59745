// A closed-loop load driver: keep `concurrency` operations in flight, start a new one
// whenever one finishes. Throughput and latency count only what finishes inside the
// measurement window, which opens after a warm-up.

/**
 * @typedef {object} ClosedLoopOptions
 * @property {(i: number) => Promise<void>} startOne  one operation, resolved when it is done
 * @property {number} concurrency        operations kept in flight
 * @property {number} warmupMs           minimum warm-up
 * @property {number} maxWarmupMs        warm-up also waits until `concurrency` operations finished once
 *                                       (the pipeline turned over), but not longer than this
 * @property {number} durationMs         minimum measurement window
 * @property {number} [minCount]         the window also stays open until this many finished…
 * @property {number} [maxDurationMs]    …but not longer than this
 * @property {number} [maxTotalMs]       wall-time budget of warm-up + window (default: none). Past it the
 *                                       window closes early — or, still warming up, everything since the
 *                                       start counts as the window — and the result says `budgetExceeded`
 * @property {number} [stallMs]          abort when nothing finished for this long (default 15 s)
 * @property {number} [drainMs]          after the window, wait at most this long for in-flight work (default 15 s);
 *                                       the drain also ends when nothing finished for `stuckMs` (default 2 s)
 * @property {(fromStart?: boolean) => void} [onWindowOpen]  called when the window opens (with `true`
 *                                       when it is back-dated to the start: budget exceeded in warm-up)…
 * @property {() => void} [onWindowClose] …and when it closes (e.g. to read CPU time)
 */

/**
 * Run the loop. Resolves with `{ completed, windowMs, throughput, latencies, steady,
 * errors, firstError, started, undrained, stuck, budgetExceeded }`; `steady` says whether the warm-up saw
 * `concurrency` operations finish, i.e. whether latencies are from a turned-over pipeline.
 * @param {ClosedLoopOptions} options
 */
export function closedLoop(options) {
  const { startOne, concurrency, warmupMs, maxWarmupMs, durationMs } = options;
  const minCount = options.minCount ?? 0;
  const maxDurationMs = Math.max(durationMs, options.maxDurationMs ?? durationMs);
  const stallMs = options.stallMs ?? 15_000;
  const drainMs = options.drainMs ?? 15_000;
  const stuckMs = options.stuckMs ?? 2_000;
  const maxTotalMs = options.maxTotalMs ?? Infinity;

  const t0 = performance.now();
  let phase = 'warmup';
  let measureStart = 0;
  let measureEnd = 0;
  let started = 0;
  let finished = 0;
  let inFlight = 0;
  let warmupFinished = 0;
  let errors = 0;
  let firstError;
  let lastProgress = t0;
  let budgetExceeded = false;
  const latencies = [];

  return new Promise((resolve, reject) => {
    const ticker = setInterval(tick, 20);

    function launch() {
      const i = started++;
      inFlight++;
      const begin = performance.now();
      let op;
      try {
        op = Promise.resolve(startOne(i));
      } catch (error) {
        op = Promise.reject(error);
      }
      op.then(
        () => done(begin, true),
        (error) => {
          errors++;
          firstError ??= error;
          done(begin, false);
        },
      );
    }

    function done(begin, ok) {
      const now = performance.now();
      inFlight--;
      lastProgress = now;
      if (ok) {
        finished++;
        if (phase === 'warmup' || phase === 'measure') latencies.push(now - begin);
      }
      if (errors > 100 && errors > finished) return fail(new Error(`too many failures (${errors}); first: ${describe(firstError)}`));
      tick();
      if (phase === 'warmup' || phase === 'measure') launch();
      else if (phase === 'drain' && inFlight === 0) finish();
    }

    function tick() {
      const now = performance.now();
      if ((phase === 'warmup' || phase === 'measure') && now - t0 > maxTotalMs) {
        budgetExceeded = true;
        if (phase === 'warmup') {
          measureStart = t0;
          options.onWindowOpen?.(true);
        }
        phase = 'drain';
        measureEnd = now;
        options.onWindowClose?.();
        return finish();
      }
      if (phase === 'warmup') {
        const elapsed = now - t0;
        if (elapsed >= warmupMs && (finished >= concurrency || elapsed >= maxWarmupMs)) {
          phase = 'measure';
          measureStart = now;
          warmupFinished = finished;
          latencies.length = 0;
          options.onWindowOpen?.();
        }
      } else if (phase === 'measure') {
        const elapsed = now - measureStart;
        if (elapsed >= durationMs && (latencies.length >= minCount || elapsed >= maxDurationMs)) {
          phase = 'drain';
          measureEnd = now;
          options.onWindowClose?.();
          if (inFlight === 0) finish();
        }
      } else if (phase === 'drain' && (now - measureEnd > drainMs || now - Math.max(lastProgress, measureEnd) > stuckMs)) {
        finish();
      }
      if (phase !== 'done' && inFlight > 0 && now - lastProgress > stallMs) {
        fail(new Error(`stalled: nothing finished for ${Math.round(stallMs / 1000)} s with ${inFlight} in flight (${finished} finished before)`));
      }
    }

    function finish() {
      if (phase === 'done') return;
      const idleMs = performance.now() - Math.max(lastProgress, measureEnd);
      phase = 'done';
      clearInterval(ticker);
      const windowMs = measureEnd - measureStart;
      resolve({
        completed: latencies.length,
        windowMs,
        throughput: latencies.length / (windowMs / 1000),
        latencies,
        steady: !budgetExceeded && warmupFinished >= concurrency,
        budgetExceeded,
        started,
        errors,
        firstError: firstError === undefined ? undefined : describe(firstError),
        undrained: inFlight,
        // In flight and nothing finished for `stuckMs`: waiting for something that will not come.
        stuck: !budgetExceeded && inFlight > 0 && idleMs >= stuckMs ? inFlight : 0,
      });
    }

    function fail(error) {
      if (phase === 'done') return;
      phase = 'done';
      clearInterval(ticker);
      error.inFlight = inFlight;
      error.finished = finished;
      reject(error);
    }

    for (let i = 0; i < concurrency; i++) launch();
  });
}

function describe(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
