import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { WeftError } from '../../core/index.js';

/** A fully read response body and what it cost on the wire. */
export interface ReadBody {
  /** Decoded (decompressed) bytes. */
  readonly bytes: Buffer;
  /** Bytes as received, before decompression. */
  readonly wireBytes: number;
  /** Whether a content-encoding was undone. */
  readonly decoded: boolean;
}

function decoderFor(encoding: string | undefined): Transform | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

/**
 * Read a response body, decompressing gzip/deflate/br, and stop as soon as the DECODED size
 * passes `maxBytes`: a small compressed body can expand to gigabytes, so the cap is on what
 * the decoder produces, not what the socket delivers. Throws RESPONSE_TOO_LARGE.
 */
export async function readBody(body: Readable, contentEncoding: string | undefined, maxBytes: number): Promise<ReadBody> {
  let wireBytes = 0;
  let decodedBytes = 0;
  const chunks: Buffer[] = [];
  const countWire = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      wireBytes += chunk.length;
      done(null, chunk);
    },
  });
  const collect = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      decodedBytes += chunk.length;
      if (decodedBytes > maxBytes) {
        done(new WeftError('RESPONSE_TOO_LARGE', `the response body is larger than ${maxBytes} bytes`, { details: { maxBytes } }));
        return;
      }
      chunks.push(chunk);
      done();
    },
  });
  const decoder = decoderFor(contentEncoding);
  try {
    if (decoder) await pipeline(body, countWire, decoder, collect);
    else await pipeline(body, countWire, collect);
  } catch (error) {
    body.destroy();
    if (error instanceof WeftError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR_FORMAT_PADDING_1') {
      throw new WeftError('UPSTREAM_PROTOCOL_ERROR', `the response body is not valid ${contentEncoding} data`, { retryable: true });
    }
    throw error;
  }
  return { bytes: Buffer.concat(chunks), wireBytes, decoded: decoder !== undefined };
}
