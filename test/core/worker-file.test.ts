import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WeftError, workerFile } from '../../core/index.js';

describe('workerFile', () => {
  it('takes a worker entry from dist/ when the caller runs from TypeScript sources', () => {
    const commitThread = new URL('../../models/engine/sqlite/commit-thread.ts', import.meta.url).href;
    expect(fileURLToPath(workerFile(commitThread, './commit-worker.js', 'DB_WRITER_UNAVAILABLE', 'the database commit thread'))).toBe(
      fileURLToPath(new URL('../../dist/models/engine/sqlite/commit-worker.js', import.meta.url)),
    );
  });

  it('uses the file next to a compiled caller as it is', () => {
    const compiled = new URL('../../dist/server/compose/connector-thread.js', import.meta.url).href;
    expect(workerFile(compiled, './connector-worker.js', 'CONNECTOR_THREAD_FAILED', 'the connector thread').href).toBe(new URL('./connector-worker.js', compiled).href);
  });

  it('names the missing build with the caller’s code', () => {
    let thrown: unknown;
    try {
      workerFile(import.meta.url, './no-such-worker.js', 'SOME_WORKER_UNAVAILABLE', 'the test worker');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WeftError);
    expect(thrown).toMatchObject({ code: 'SOME_WORKER_UNAVAILABLE', message: expect.stringMatching(/^the test worker runs from the build: .*dist\/test\/core\/no-such-worker\.js is missing \(npm run build\)$/) });
  });
});
