import type { CancelToken, Clock } from '../core/index.js';
import type { ExchangeRecord } from './connector-job.js';
import type { CallScope, EgressClient, EgressRequest, EgressResponse } from './egress/egress-client.js';
import type { Masker } from './secrets/masker.js';

/** What a request needs besides its own fields; the context fills in masking and recording. */
export type OutboundRequest = Omit<EgressRequest, 'mask' | 'onExchange' | 'scope'>;

/**
 * Everything one execution shares: its deadline, its masker (every secret and credential
 * value it touched) and the exchanges it made, in order — token calls included.
 */
export interface CallContext {
  readonly masker: Masker;
  readonly exchanges: ExchangeRecord[];
  readonly clock: Clock;
  send(request: OutboundRequest): Promise<EgressResponse>;
  /** The execution is over: its deadline timer stops. */
  close(): void;
}

/** Start the context of one execution. */
export function createCallContext(client: EgressClient, masker: Masker, clock: Clock, cancel?: CancelToken | AbortSignal): CallContext {
  const scope: CallScope = client.scope(cancel);
  const exchanges: ExchangeRecord[] = [];
  const mask = (text: string): string => masker.mask(text);
  const onExchange = (record: ExchangeRecord): void => {
    exchanges.push(record);
  };
  return {
    masker,
    exchanges,
    clock,
    send: (request) => client.send({ ...request, scope, mask, onExchange }),
    close: () => scope.close(),
  };
}
