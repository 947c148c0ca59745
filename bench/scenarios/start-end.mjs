// (a) start → end: the floor cost of one process instance.
import { chain, definitions } from '../lib/bpmn-xml.mjs';

const body = `    <bpmn:startEvent id="start" />
    <bpmn:endEvent id="end" />
${chain('start', 'end')}`;

export default {
  id: 'a',
  name: 'start-end',
  title: 'start → end',
  shape: '2 flow nodes, 1 sequence flow',
  variables: (i) => ({ n: i }),
  weft: {
    bpmnProcessId: 'bench_start_end',
    xml: definitions('bench_start_end', body),
  },
  'bpmn-engine': {
    xml: definitions('bench_start_end', body),
  },
};
