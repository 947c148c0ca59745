import { WeftError } from '../../../core/index.js';

/** An error answer of the Weft API, or the server not answering at all. */
export class ApiError extends WeftError {
  /** The HTTP status; 0 when the server could not be reached. */
  readonly status: number;

  constructor(status: number, code: string, description: string, details: Record<string, unknown> = {}) {
    super(code, description, { details });
    this.name = 'ApiError';
    this.status = status;
  }
}

/** Where the CLI talks to and as whom: `--url`/`WEFT_URL`, `--token`/`WEFT_TOKEN`. */
export interface ClientSettings {
  readonly url: string;
  readonly token: string | undefined;
}

/** A small JSON client of the Weft API (Node's fetch). */
export class ApiClient {
  readonly #base: string;
  readonly #token: string | undefined;

  constructor(settings: ClientSettings) {
    this.#base = settings.url.replace(/\/+$/, '');
    this.#token = settings.token;
  }

  get url(): string {
    return this.#base;
  }

  /** GET with query parameters (undefined ones left out). */
  get<T>(path: string, query: Readonly<Record<string, string | number | boolean | undefined>> = {}): Promise<T> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value));
    const text = search.toString();
    return this.send<T>('GET', text === '' ? path : `${path}?${text}`);
  }

  /** A request with an optional JSON or multipart body; resolves to the parsed answer (undefined for 204). */
  async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetch(`${this.#base}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new ApiError(0, 'SERVER_UNREACHABLE', `cannot reach the Weft server at ${this.#base} (${cause?.code ?? cause?.message ?? (error as Error).message}); is \`weft serve\` running? Set WEFT_URL or --url`);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; description?: string; details?: Record<string, unknown> } } | undefined)?.error;
      throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.description ?? `the server answered ${response.status}`, error?.details ?? {});
    }
    return parsed as T;
  }
}
