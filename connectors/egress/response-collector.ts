import type { Dispatcher } from 'undici';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { WeftError } from '../../core/index.js';

/** The status line and headers of a response. */
export interface ResponseHead {
  readonly status: number;
  readonly statusText: string;
  /** Lower-case names, as undici reports them. */
  readonly headers: Record<string, string | string[] | undefined>;
}

/** A fully read response body and what it cost on the wire. */
export interface CollectedBody {
  /** Decoded (decompressed) bytes. */
  readonly bytes: Buffer;
  /** Bytes as received, before decompression. */
  readonly wireBytes: number;
  /** Whether a content-encoding was undone. */
  readonly decoded: boolean;
}

/** How much of a body nobody wants (a redirect's) is read so the connection can be reused. */
const DISCARD_LIMIT = 64 * 1024;

/**
 * An undici dispatch handler that collects one response: no stream objects, no async
 * iterator and no abort signal per call — the body arrives as chunks, is decompressed
 * (gzip, deflate, br) only when `content-encoding` says so, and stops as soon as the
 * DECODED size passes `maxBytes`: a small compressed body can expand to gigabytes, so the
 * cap is on what the decoder produces, not what the socket delivers.
 */
export class ResponseCollector implements Dispatcher.DispatchHandler {
  /** Settles with the status and headers, or the transport failure before them. */
  readonly head: Promise<ResponseHead>;
  /** Settles with the whole body, or the failure that cut it short. */
  readonly body: Promise<CollectedBody>;
  readonly #maxBytes: number;
  #controller: Dispatcher.DispatchController | undefined;
  #pendingAbort: { cause: unknown } | undefined;
  #headDone!: (head: ResponseHead) => void;
  #headFailed!: (error: unknown) => void;
  #bodyDone!: (body: CollectedBody) => void;
  #bodyFailed!: (error: unknown) => void;
  #settled = false;
  #chunks: Buffer[] = [];
  #wireBytes = 0;
  #decodedBytes = 0;
  #decoder: Transform | undefined;
  #encoding = '';
  #discarding = false;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
    this.head = new Promise((resolve, reject) => {
      this.#headDone = resolve;
      this.#headFailed = reject;
    });
    this.body = new Promise((resolve, reject) => {
      this.#bodyDone = resolve;
      this.#bodyFailed = reject;
    });
    // Whoever awaits them sees the failure; an unread one must not become an unhandled rejection.
    this.head.catch(() => undefined);
    this.body.catch(() => undefined);
  }

  /** End the exchange now (deadline, cancellation); before the request started, as soon as it does. */
  abort(cause: unknown): void {
    if (this.#controller) this.#controller.abort(cause as Error);
    else this.#pendingAbort ??= { cause };
    // Waiting for a free connection can take long: the caller learns of the abort at once.
    this.#fail(cause);
  }

  /** Keep no more of the body; read at most a little more of it, then end it quietly. */
  discard(): Promise<void> {
    this.#discarding = true;
    this.#chunks = [];
    if (this.#wireBytes > DISCARD_LIMIT) this.#endQuietly();
    return this.body.then(
      () => undefined,
      () => undefined,
    );
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#pendingAbort) controller.abort(this.#pendingAbort.cause as Error);
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
    statusMessage?: string,
  ): void {
    const encoding = headers['content-encoding'];
    this.#encoding = (typeof encoding === 'string' ? encoding : '').trim().toLowerCase();
    this.#decoder = decoderFor(this.#encoding);
    if (this.#decoder) this.#wireDecoder(controller, this.#decoder);
    this.#headDone({ status: statusCode, statusText: statusMessage ?? '', headers });
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#settled) return;
    this.#wireBytes += chunk.length;
    if (this.#discarding) {
      if (this.#wireBytes > DISCARD_LIMIT) this.#endQuietly();
      return;
    }
    if (this.#decoder) {
      if (!this.#decoder.write(chunk)) {
        controller.pause();
        this.#decoder.once('drain', () => controller.resume());
      }
      return;
    }
    this.#keep(chunk);
  }

  onResponseEnd(): void {
    if (this.#settled) return;
    if (this.#decoder && !this.#discarding) this.#decoder.end();
    else this.#finish();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#fail(error);
  }

  #wireDecoder(controller: Dispatcher.DispatchController, decoder: Transform): void {
    decoder.on('data', (chunk: Buffer) => {
      if (!this.#settled && !this.#discarding) this.#keep(chunk);
    });
    decoder.once('end', () => this.#finish());
    decoder.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      const corrupt = code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR_FORMAT_PADDING_1';
      const failure = corrupt ? new WeftError('UPSTREAM_PROTOCOL_ERROR', `the response body is not valid ${this.#encoding} data`, { retryable: true }) : error;
      controller.abort(failure);
      this.#fail(failure);
    });
  }

  #keep(chunk: Buffer): void {
    this.#decodedBytes += chunk.length;
    if (this.#decodedBytes > this.#maxBytes) {
      const error = new WeftError('RESPONSE_TOO_LARGE', `the response body is larger than ${this.#maxBytes} bytes`, { details: { maxBytes: this.#maxBytes } });
      this.#controller?.abort(error);
      this.#fail(error);
      return;
    }
    this.#chunks.push(chunk);
  }

  #endQuietly(): void {
    if (this.#settled) return;
    this.#controller?.abort(new Error('discarded'));
    this.#finish();
  }

  #finish(): void {
    if (this.#settled) return;
    this.#settled = true;
    if (this.#discarding) this.#decoder?.destroy();
    const chunks = this.#chunks;
    this.#chunks = [];
    this.#bodyDone({
      bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
      wireBytes: this.#wireBytes,
      decoded: this.#decoder !== undefined,
    });
  }

  #fail(error: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#chunks = [];
    this.#decoder?.destroy();
    this.#headFailed(error);
    this.#bodyFailed(error);
  }
}

function decoderFor(encoding: string): Transform | undefined {
  switch (encoding) {
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
