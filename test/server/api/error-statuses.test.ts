import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WeftError } from '../../../core/index.js';
import { toErrorReply } from '../../../server/app/error-handler.js';
import { mappedCodes, statusOfCode } from '../../../server/app/error-statuses.js';

const docs = new URL('../../../docs/errors/', import.meta.url).pathname;

describe('the error status table', () => {
  it('documents every code it maps under docs/errors/', () => {
    const text = readdirSync(docs).map((f) => readFileSync(join(docs, f), 'utf8')).join('\n');
    const missing = mappedCodes().filter((code) => !text.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it("maps seed 003's statuses and hides unexpected errors", () => {
    expect(statusOfCode('UNAUTHENTICATED')).toBe(401);
    expect(statusOfCode('FORBIDDEN')).toBe(403);
    expect(statusOfCode('PROCESS_INSTANCE_NOT_FOUND')).toBe(404);
    expect(statusOfCode('DEPLOYMENT_INVALID')).toBe(400);
    expect(statusOfCode('SOMETHING_NEW')).toBe(500);
    expect(toErrorReply(new WeftError('ORG_EXISTS', "org 'x' already exists"))).toEqual({ status: 409, body: { error: { code: 'ORG_EXISTS', description: "org 'x' already exists" } } });
    const hidden = toErrorReply(new Error('password=hunter2 in a stack'));
    expect(hidden).toEqual({ status: 500, body: { error: { code: 'INTERNAL_ERROR', description: 'internal error; the server log has the details' } } });
  });
});
