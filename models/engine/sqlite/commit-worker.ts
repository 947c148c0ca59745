/**
 * The engine store's commit thread (a worker_threads entry point). It owns a second
 * connection to the same SQLite file and does every engine write there: the group
 * transaction, the WAL fsync, the automatic checkpoints — so the main thread only
 * encodes change sets and waits for acknowledgements. Messages: see `commit-thread.ts`.
 */
import BetterSqlite3 from 'better-sqlite3';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { EncodedChanges } from './change-set-ops.js';
import { restoreJsonColumns, writeChanges } from './change-set-ops.js';
import type { CommitReply, CommitRequest, CommitWorkerData } from './commit-messages.js';
import { GroupCommit } from './group-commit.js';
import { prepareStatements } from './statements.js';

const port = parentPort!;
const { path, durable, busyTimeoutMs } = workerData as CommitWorkerData;
const db = new BetterSqlite3(path);
// The main connection set WAL mode and migrated the schema before starting this thread.
// NORMAL: a commit does not wait for the disk; in durable mode the fsync below does.
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma(`busy_timeout = ${busyTimeoutMs}`);
const statements = prepareStatements(db);
const applyAll = db.transaction((items: readonly EncodedChanges[]) => writeChanges(statements, items));

let walFd: number | undefined;
const commits = new GroupCommit<EncodedChanges>(
  (items) => applyAll.immediate(items),
  durable
    ? (done) => {
        // This thread has nothing else to do meanwhile: fsync right here, without a hop to
        // the libuv pool and back (measured: more throughput at every concurrency than the
        // asynchronous fsync). Messages that arrive during it form the next group.
        walFd ??= openSync(`${path}-wal`, 'r');
        let failure: unknown;
        try {
          fsyncSync(walFd);
        } catch (error) {
          failure = error;
        }
        done(failure);
      }
    : undefined,
);

let ok: number[] = [];
let failed: [number, string, string | undefined][] = [];
let replyScheduled = false;
function reply(): void {
  replyScheduled = false;
  const message: CommitReply = { ok, failed };
  ok = [];
  failed = [];
  port.postMessage(message);
}
function scheduleReply(): void {
  if (replyScheduled) return;
  replyScheduled = true;
  // Every waiter one sync covers settles in this same microtask run: answer them together.
  queueMicrotask(reply);
}

port.on('message', (request: CommitRequest) => {
  if (request.type === 'close') {
    void commits.close().then(() => {
      if (replyScheduled) reply();
      if (walFd !== undefined) closeSync(walFd);
      db.close();
      port.close();
    });
    return;
  }
  for (let i = 0; i < request.ids.length; i++) {
    const id = request.ids[i]!;
    commits.submit(restoreJsonColumns(JSON.parse(request.json[i]!) as EncodedChanges, request.columns[i]!)).then(
      () => {
        ok.push(id);
        scheduleReply();
      },
      (error: unknown) => {
        const e = error as { message?: string; code?: string };
        failed.push([id, e.message ?? String(error), e.code]);
        scheduleReply();
      },
    );
  }
  // No flush here: the group commit writes at the end of this turn, so every message
  // that queued up while the last transaction ran goes into the next one.
});
