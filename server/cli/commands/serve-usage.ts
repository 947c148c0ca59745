/** `weft serve --help`. */
export const serveUsage = `weft serve

Runs the Weft HTTP server (REST API, webhooks, Camunda v2 subset) until SIGTERM or
SIGINT; then it stops accepting requests, lets running jobs finish, closes the
database and exits 0.

Environment:
  WEFT_HOST               address to listen on (default 127.0.0.1)
  WEFT_PORT               port (default 8080; 0 picks a free one)
  WEFT_DATA_DIR           data directory: weft.db and master.key (default ./.weft)
  WEFT_ADMIN_TOKEN        a platform-admin token to accept (only its hash is stored);
                          without it, the first start prints a generated one once
  WEFT_MASTER_KEY         the vault's master key (else <data dir>/master.key)
  WEFT_LOG_LEVEL          fatal, error, warn, info (default), debug, trace, silent
  WEFT_SHUTDOWN_GRACE_MS  how long running jobs may finish at shutdown (default 10000)
  WEFT_MAX_CONCURRENT_JOBS
                          jobs of one type (one connector) running at once (default 64)

Logs are JSON lines (pino) on stdout, with tokens, secrets and credentials masked.`;
