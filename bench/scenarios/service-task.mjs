// (b) start → service task → end, the task done by an in-process no-op handler.
// In Weft this is two commands, so two commits: create (the job is leased at creation to
// the in-process worker) and complete-job.
import { chain, definitions } from '../lib/bpmn-xml.mjs';

const JOB_TYPE = 'bench-noop';

export default {
  id: 'b',
  name: 'service-task',
  title: 'start → service task (in-process no-op) → end',
  shape: '3 flow nodes, 2 sequence flows; Weft: 2 commits per instance',
  variables: (i) => ({ n: i }),
  weft: {
    bpmnProcessId: 'bench_service_task',
    xml: definitions('bench_service_task', `    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="task">
      <bpmn:extensionElements><zeebe:taskDefinition type="${JOB_TYPE}" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end" />
${chain('start', 'task', 'end')}`),
    handlers: [{ type: JOB_TYPE, handler: async () => ({ kind: 'complete', variables: {} }) }],
  },
  'bpmn-engine': {
    // The documented way: the implementation attribute is an expression naming a service.
    xml: definitions('bench_service_task', `    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="task" implementation="\${environment.services.noop}" />
    <bpmn:endEvent id="end" />
${chain('start', 'task', 'end')}`),
    services: {
      noop(_executionContext, callback) {
        callback(null);
      },
    },
  },
};
