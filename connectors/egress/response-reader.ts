import type { Readable } from 'node:stream';
import type { Transform } from 'node:stream';
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
  const decoder = decoderFor(contentEncoding);
  let wireBytes = 0;
  let decodedBytes = 0;
  const chunks: Buffer[] = [];
  const keep = (chunk: Buffer): void => {
    decodedBytes += chunk.length;
    if (decodedBytes > maxBytes) throw new WeftError('RESPONSE_TOO_LARGE', `the response body is larger than ${maxBytes} bytes`, { details: { maxBytes } });
    chunks.push(chunk);
  };
  try {
    if (!decoder) {
      // The common case reads the socket's chunks directly: no stream plumbing per call.
      for await (const chunk of body) {
        wireBytes += (chunk as Buffer).length;
        keep(chunk as Buffer);
      }
    } else {
      body.on('data', (chunk: Buffer) => (wireBytes += chunk.length));
      body.on('error', (error) => decoder.destroy(error));
      body.pipe(decoder);
      for await (const chunk of decoder) keep(chunk as Buffer);
    }
  } catch (error) {
    body.destroy();
    decoder?.destroy();
    if (error instanceof WeftError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR_FORMAT_PADDING_1') {
      throw new WeftError('UPSTREAM_PROTOCOL_ERROR', `the response body is not valid ${contentEncoding} data`, { retryable: true });
    }
    throw error;
  }
  return { bytes: Buffer.concat(chunks), wireBytes, decoded: decoder !== undefined };
}
