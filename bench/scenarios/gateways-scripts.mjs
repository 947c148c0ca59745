// (c) An order-pricing process with gateways and script tasks:
//
//   start → calcTotal → routeBySize ─(total > 1000)→ tierHigh ─┐
//                                   ├(total > 100)─→ tierMid  ─┼→ mergeTier → fork ─→ tax ──────┐
//                                   └(default)─────→ tierLow  ─┘                    └→ shipping ─┴→ join → decide ─(grand > 2000)→ endReview
//                                                                                                                   └(default)────→ endDone
//
// 14 flow nodes (1 start, 6 script tasks, 2 deciding exclusive gateways + 1 exclusive
// merge, parallel fork + join, 2 ends) and 16 sequence flows. One instance executes 11 flow
// nodes, takes 11 flows, and evaluates 6–7 expressions (4 scripts, 1–2 conditions at
// routeBySize, 1 at decide). Weft runs FEEL (`zeebe:script`, `=` conditions); bpmn-engine
// runs the same logic as JavaScript (its script format and script conditions, each run in
// a fresh `vm` context). Not the same language — equivalent logic, checked before timing.
import { definitions, escape, flow } from '../lib/bpmn-xml.mjs';

/** The logic once, per language: [feel, javascript]. */
const scripts = {
  calcTotal: ['total', 'amount * quantity', 'v.amount * v.quantity'],
  tierHigh: ['discount', '0.1', '0.1'],
  tierMid: ['discount', '0.05', '0.05'],
  tierLow: ['discount', '0', '0'],
  tax: ['tax', 'total * (1 - discount) * 0.2', 'v.total * (1 - v.discount) * 0.2'],
  shipping: ['shipping', 'if total > 500 then 0 else 9.9', 'v.total > 500 ? 0 : 9.9'],
};
const conditions = {
  toHigh: ['total > 1000', 'v.total > 1000'],
  toMid: ['total > 100', 'v.total > 100'],
  toReview: ['total * (1 - discount) + tax + shipping > 2000', 'v.total * (1 - v.discount) + v.tax + v.shipping > 2000'],
};

function body(language) {
  const js = language === 'javascript';
  const script = (id) => {
    const [result, feel, javascript] = scripts[id];
    if (!js) {
      return `    <bpmn:scriptTask id="${id}">
      <bpmn:extensionElements><zeebe:script expression="=${escape(feel)}" resultVariable="${result}" /></bpmn:extensionElements>
    </bpmn:scriptTask>`;
    }
    return `    <bpmn:scriptTask id="${id}" scriptFormat="javascript">
      <bpmn:script>${escape(`const v = environment.variables; v.${result} = ${javascript}; next();`)}</bpmn:script>
    </bpmn:scriptTask>`;
  };
  const when = (id) => {
    const [feel, javascript] = conditions[id];
    return js ? { language: 'javascript', body: `const v = environment.variables; next(null, ${javascript});` } : { body: `=${feel}` };
  };
  return [
    '    <bpmn:startEvent id="start" />',
    script('calcTotal'),
    '    <bpmn:exclusiveGateway id="routeBySize" default="toLow" />',
    script('tierHigh'),
    script('tierMid'),
    script('tierLow'),
    '    <bpmn:exclusiveGateway id="mergeTier" />',
    '    <bpmn:parallelGateway id="fork" />',
    script('tax'),
    script('shipping'),
    '    <bpmn:parallelGateway id="join" />',
    '    <bpmn:exclusiveGateway id="decide" default="toDone" />',
    '    <bpmn:endEvent id="endReview" />',
    '    <bpmn:endEvent id="endDone" />',
    flow('f1', 'start', 'calcTotal'),
    flow('f2', 'calcTotal', 'routeBySize'),
    flow('toHigh', 'routeBySize', 'tierHigh', when('toHigh')),
    flow('toMid', 'routeBySize', 'tierMid', when('toMid')),
    flow('toLow', 'routeBySize', 'tierLow'),
    flow('f3', 'tierHigh', 'mergeTier'),
    flow('f4', 'tierMid', 'mergeTier'),
    flow('f5', 'tierLow', 'mergeTier'),
    flow('f6', 'mergeTier', 'fork'),
    flow('f7', 'fork', 'tax'),
    flow('f8', 'fork', 'shipping'),
    flow('f9', 'tax', 'join'),
    flow('f10', 'shipping', 'join'),
    flow('f11', 'join', 'decide'),
    flow('toReview', 'decide', 'endReview', when('toReview')),
    flow('toDone', 'decide', 'endDone'),
  ].join('\n');
}

/** Inputs spread over all three tiers and both ends. */
function variables(i) {
  return { amount: 10 + ((i * 7919) % 1500), quantity: 1 + (i % 3) };
}

/** What every engine must end with, computed here in plain JavaScript. */
function expected(i) {
  const { amount, quantity } = variables(i);
  const total = amount * quantity;
  const discount = total > 1000 ? 0.1 : total > 100 ? 0.05 : 0;
  const tax = total * (1 - discount) * 0.2;
  const shipping = total > 500 ? 0 : 9.9;
  return { amount, quantity, total, discount, tax, shipping };
}

export default {
  id: 'c',
  name: 'gateways-scripts',
  title: 'gateways + scripts: 2 XOR (2 conditions + default; 1 + default), XOR merge, parallel fork/join, 6 script tasks',
  shape: '14 flow nodes (11 executed per instance), 16 sequence flows, 6–7 expression evaluations per instance',
  variables,
  expected,
  /** Instances checked before timing: one per tier, and both ends. */
  probes: [0, 1, 2, 3, 7, 11],
  weft: { bpmnProcessId: 'bench_gateways_scripts', xml: definitions('bench_gateways_scripts', body('feel')) },
  'bpmn-engine': { xml: definitions('bench_gateways_scripts', body('javascript')) },
};
