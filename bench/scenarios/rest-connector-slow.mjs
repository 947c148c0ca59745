// (f) scenario (d) against an upstream that answers after 20 ms, as an API across a network
// does: the same task, the same server program, each answer held back. Not part of issue #3's
// target (that is (d)); it shows what the ratio to raw undici becomes once the call itself,
// not the machine's CPU, sets the pace.
import restConnector from './rest-connector.mjs';

export const UPSTREAM_DELAY_MS = 20;

export default {
  ...restConnector,
  id: 'f',
  name: 'rest-slow-upstream',
  title: `(d) with an upstream that answers after ${UPSTREAM_DELAY_MS} ms (a remote API): start → REST connector task → end`,
  shape: `as (d); the HTTPS server holds every answer ${UPSTREAM_DELAY_MS} ms`,
  upstreamArgs: { delayMs: UPSTREAM_DELAY_MS },
};
