import type { JobRecord } from '../../models/index.js';

/** A job an in-process handler will still run (now, after a backoff, or after a lease ends). */
export function handledBy(job: JobRecord, hasHandler: (type: string) => boolean): boolean {
  return (job.state === 'activatable' || job.state === 'activated' || job.state === 'backoff') && hasHandler(job.type);
}
