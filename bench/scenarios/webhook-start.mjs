// (e) A webhook starts a process (issue #4): POST /inbound/<id> with a JSON body signed
// with HMAC-SHA256 (hex, in a header) → the none start event carrying Camunda's inbound
// webhook properties (`io.camunda:webhook:1`, HMAC enabled, the key from
// `{{secrets.BENCH_HOOK}}`, a resultExpression mapping two fields) → end. Measured from
// outside against the real `weft serve` (its own process) with autocannon, beside a bare
// Fastify hello-world answering the same requests. In Weft each request is one durable
// commit (the instance starts and completes in one command); the answer is sent after it.
import { createHmac } from 'node:crypto';
import { chain, definitions, escape } from '../lib/bpmn-xml.mjs';

const WEBHOOK_ID = 'bench-orders';
const PATH = `/inbound/${WEBHOOK_ID}`;
const SIGNATURE_HEADER = 'x-signature';
/** The shared key, handed to `weft serve` as WEFT_SECRET_BENCH_HOOK. */
const SECRET = 'bench-hook-key-3f9a1c7e5b2d4086';
/** Distinct signed bodies each connection cycles through. */
const BODIES = 64;

function properties(values) {
  const items = Object.entries({ 'inbound.type': 'io.camunda:webhook:1', ...values })
    .map(([name, value]) => `<zeebe:property name="${escape(name)}" value="${escape(value)}" />`);
  return `<bpmn:extensionElements><zeebe:properties>${items.join('')}</zeebe:properties></bpmn:extensionElements>`;
}

const xml = definitions('bench_webhook_start', `    <bpmn:startEvent id="orderReceived">${properties({
  'inbound.context': WEBHOOK_ID,
  'inbound.method': 'post',
  'inbound.shouldValidateHmac': 'enabled',
  'inbound.hmacSecret': '{{secrets.BENCH_HOOK}}',
  'inbound.hmacHeader': 'X-Signature',
  'inbound.hmacAlgorithm': 'sha_256',
  resultExpression: '={orderId: request.body.orderId, amount: request.body.amount}',
})}</bpmn:startEvent>
    <bpmn:endEvent id="end" />
${chain('orderReceived', 'end')}`);

function body(k) {
  return JSON.stringify({ orderId: `A-${k}`, amount: 10 + k * 1.5, currency: 'EUR', customer: { id: `C-${k % 7}`, email: `buyer${k % 7}@example.com` } });
}

/** A request signed as the sender would: hex HMAC-SHA256 of the exact body bytes. */
function signed(k, key = SECRET) {
  const text = body(k);
  const signature = createHmac('sha256', key).update(text).digest('hex');
  return { method: 'POST', path: PATH, headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature }, body: text };
}

const requests = Array.from({ length: BODIES }, (_, k) => signed(k));

export default {
  id: 'e',
  name: 'webhook-start',
  title: 'webhook start: `POST /inbound/<id>`, JSON body with an HMAC-SHA256 hex signature → start event (`io.camunda:webhook:1`, HMAC checked, resultExpression) → end',
  shape: '2 flow nodes, 1 sequence flow; ≈ 120-byte JSON body; Weft: 1 commit per request, answered after it',
  /** Measured with lib/http-load.mjs (autocannon) against a server in its own process, not with the closed loop. */
  driver: 'http-load',
  /** JIT, TLS and connection pools take seconds to settle: every target warms up at least this long. */
  warmupMs: 2_000,
  'weft-serve': {
    bpmnProcessId: 'bench_webhook_start',
    xml,
    env: { WEFT_SECRET_BENCH_HOOK: SECRET },
    requests,
    /** One request that must start an instance with these variables, and one with a wrong signature that must not. */
    probe: { request: signed(1), variables: { orderId: 'A-1', amount: 11.5 }, forged: signed(1, 'not-the-key') },
  },
  fastify: { requests },
};
