// (d) start → Camunda REST connector task → end (issue #3). The task is drawn as Camunda
// Modeler's REST template writes it: `io.camunda:http-json:1`, GET over HTTPS to a local
// JSON API (lib/servers/https-json.mjs, its own process, a test CA trusted through
// NODE_EXTRA_CA_CERTS and the server exempted with WEFT_EGRESS_ALLOW), and a
// resultExpression picking two fields. In Weft that is two commits per instance (create
// with the job leased at creation, complete-job) around one HTTPS request.
// The `undici` target makes the same request with a keep-alive undici Agent and applies the
// same mapping in JavaScript: the ceiling for "one HTTPS call per operation" on this machine.
import { chain, definitions, escape } from '../lib/bpmn-xml.mjs';
import { orderDocument } from './order-api.mjs';

const RESULT_EXPRESSION = '={orderStatus: response.body.status, orderTotal: response.body.total}';

/** The BPMN of the task, for the server the case started (its origin is known only then). */
function weftXml(origin) {
  const input = (source, target) => `          <zeebe:input source="${escape(source)}" target="${target}" />`;
  return definitions('bench_rest_connector', `    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="getOrder" name="Get order" zeebe:modelerTemplate="io.camunda.connectors.HttpJson.v2">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="io.camunda:http-json:1" retries="3" />
        <zeebe:ioMapping>
${input('noAuth', 'authentication.type')}
${input('GET', 'method')}
${input(`="${origin}/orders/" + string(orderId)`, 'url')}
${input('20', 'connectionTimeoutInSeconds')}
${input('20', 'readTimeoutInSeconds')}
        </zeebe:ioMapping>
        <zeebe:taskHeaders>
          <zeebe:header key="resultExpression" value="${escape(RESULT_EXPRESSION)}" />
        </zeebe:taskHeaders>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end" />
${chain('start', 'getOrder', 'end')}`);
}

/**
 * The same process with the task's job done by an in-process no-op handler instead of the
 * REST connector: the engine's share of an instance, without any HTTP (inputs, headers and
 * the result's variables kept).
 */
export function withNoopHandler(weftPart) {
  return {
    ...weftPart,
    xml: weftPart.xml.replace('type="io.camunda:http-json:1"', 'type="bench-noop"'),
    handlers: [{ type: 'bench-noop', handler: async () => ({ kind: 'complete', variables: { orderStatus: 'open', orderTotal: 1 } }) }],
  };
}

export default {
  id: 'd',
  name: 'rest-connector',
  title: 'start → REST connector task (`io.camunda:http-json:1`, GET to a local HTTPS JSON API with keep-alive, resultExpression) → end',
  shape: '3 flow nodes, 2 sequence flows, 1 HTTPS request per instance (≈ 560-byte JSON answer); Weft: 2 commits per instance. Raw undici: the same GET, same server, per operation',
  /** The server each case starts in a child process, and that it needs the test CA. */
  upstream: 'https-json',
  /** JIT, TLS and connection pools take seconds to settle: every target warms up at least this long. */
  warmupMs: 2_000,
  variables: (i) => ({ orderId: i }),
  expected: (i) => {
    const order = orderDocument(i);
    return { orderId: i, orderStatus: order.status, orderTotal: order.total };
  },
  probes: [0, 1, 2, 7],
  weft: ({ origin, hostPort }) => ({
    bpmnProcessId: 'bench_rest_connector',
    xml: weftXml(origin),
    env: { WEFT_EGRESS_ALLOW: hostPort },
  }),
  undici: ({ origin }) => ({
    origin,
    path: (i) => `/orders/${i}`,
    // What Weft's egress client sends besides the host: it always offers compression.
    headers: { 'accept-encoding': 'gzip, deflate, br' },
    result: (variables, body) => ({ ...variables, orderStatus: body.status, orderTotal: body.total }),
  }),
};
