import { createHash } from 'node:crypto';
import { WeftError } from '../../core/index.js';
import type { Clock } from '../../core/index.js';
import type { DefinitionRecord, EngineStore } from '../../models/index.js';
import { emptyChangeSet } from '../../models/index.js';
import { compileBpmn } from '../bpmn/index.js';
import type { DeployProblem } from '../bpmn/index.js';
import type { ProcessModel } from '../model/process-model.js';
import type { KeyGenerator } from '../runtime/key-generator.js';
import { KeyedMutex } from '../runtime/keyed-mutex.js';
import { startTimerChanges } from './start-timers.js';

/** One BPMN file to deploy. */
export interface DeployResource {
  readonly name: string;
  readonly xml: string;
}

/** One process of a deployment, as deployed (new version, or the unchanged latest). */
export interface DeployedProcess {
  readonly bpmnProcessId: string;
  readonly version: number;
  readonly processDefinitionKey: string;
  readonly resourceName: string;
  /** False when the XML was identical to the latest version, which is returned instead. */
  readonly isNewVersion: boolean;
}

export interface DeploymentResult {
  readonly deploymentKey: string;
  readonly processes: readonly DeployedProcess[];
  readonly warnings: readonly (DeployProblem & { readonly resource: string })[];
}

/**
 * A check a deployment must pass beyond BPMN validity, given the processes about to be
 * deployed. Returns problems (empty: fine); any problem refuses the whole deployment.
 */
export type DeploymentValidator = (deployment: {
  readonly orgId: string;
  readonly processes: readonly { readonly resourceName: string; readonly model: ProcessModel }[];
}) => Promise<readonly DeployProblem[]>;

/**
 * Deploys BPMN resources into an org, all or nothing: every resource is compiled and
 * every problem of every resource is reported together; only a fully valid deployment
 * is stored. A process whose resource XML is byte-identical to its latest version keeps
 * that version; otherwise it becomes version n+1.
 */
export class Deployer {
  readonly #mutex = new KeyedMutex();
  readonly #validators: DeploymentValidator[] = [];

  constructor(
    private readonly store: EngineStore,
    private readonly keys: KeyGenerator,
    private readonly clock: Clock,
    private readonly cache: (definition: DefinitionRecord, model: ProcessModel) => void,
    private readonly announce: (result: DeploymentResult, orgId: string) => void = () => undefined,
  ) {}

  addValidator(validator: DeploymentValidator): void {
    this.#validators.push(validator);
  }

  deploy(resources: readonly DeployResource[], orgId: string): Promise<DeploymentResult> {
    if (resources.length === 0) throw new WeftError('DEPLOYMENT_EMPTY', 'a deployment needs at least one BPMN resource');
    return this.#mutex.run(`deploy:${orgId}`, () => this.#deploy(resources, orgId));
  }

  async #deploy(resources: readonly DeployResource[], orgId: string): Promise<DeploymentResult> {
    const problems: (DeployProblem & { resource: string })[] = [];
    const warnings: (DeployProblem & { resource: string })[] = [];
    const compiled: { resource: DeployResource; processes: readonly ProcessModel[] }[] = [];
    for (const resource of resources) {
      const result = await compileBpmn(resource.xml);
      warnings.push(...result.warnings.map((w) => ({ ...w, resource: resource.name })));
      if (!result.ok) problems.push(...result.problems.map((p) => ({ ...p, resource: resource.name })));
      else compiled.push({ resource, processes: result.processes });
    }
    const seen = new Map<string, string>();
    for (const { resource, processes } of compiled) {
      for (const process of processes) {
        const other = seen.get(process.bpmnProcessId);
        if (other !== undefined) {
          problems.push({
            resource: resource.name,
            code: 'BPMN_DUPLICATE_ID',
            elementId: process.bpmnProcessId,
            message: `process '${process.bpmnProcessId}' is defined in both '${other}' and '${resource.name}'`,
          });
        }
        seen.set(process.bpmnProcessId, resource.name);
      }
    }
    if (problems.length === 0) {
      const processes = compiled.flatMap(({ resource, processes }) => processes.map((model) => ({ resourceName: resource.name, model })));
      // A validator names elements; the problem belongs to the resource holding that element.
      const resourceOf = (elementId: string | undefined): string =>
        processes.find(({ model }) => elementId !== undefined && (model.nodes.has(elementId) || model.bpmnProcessId === elementId))?.resourceName ??
        resources[0]!.name;
      for (const validator of this.#validators) {
        for (const problem of await validator({ orgId, processes })) problems.push({ ...problem, resource: resourceOf(problem.elementId) });
      }
    }
    if (problems.length > 0) {
      const summary = problems.map((p) => `${p.resource}: ${p.message}`).join('; ');
      throw new WeftError('DEPLOYMENT_INVALID', `deployment refused: ${summary}`, { details: { problems, warnings } });
    }

    const now = this.clock.now();
    const deploymentKey = this.keys.next();
    const changes = emptyChangeSet(0);
    const definitions: DefinitionRecord[] = [];
    const deployed: DeployedProcess[] = [];
    const fresh: { definition: DefinitionRecord; model: ProcessModel; previous?: DefinitionRecord }[] = [];
    for (const { resource, processes } of compiled) {
      const checksum = createHash('sha256').update(resource.xml).digest('hex');
      for (const model of processes) {
        const latest = await this.store.findDefinition(orgId, model.bpmnProcessId);
        if (latest && latest.checksum === checksum) {
          deployed.push({ bpmnProcessId: model.bpmnProcessId, version: latest.version, processDefinitionKey: String(latest.key), resourceName: latest.resourceName, isNewVersion: false });
          continue;
        }
        const definition: DefinitionRecord = {
          key: this.keys.next(),
          deploymentKey,
          orgId,
          bpmnProcessId: model.bpmnProcessId,
          version: (latest?.version ?? 0) + 1,
          resourceName: resource.name,
          checksum,
          xml: resource.xml,
          createdAt: now,
        };
        definitions.push(definition);
        fresh.push({ definition, model, ...(latest ? { previous: latest } : {}) });
        deployed.push({ bpmnProcessId: model.bpmnProcessId, version: definition.version, processDefinitionKey: String(definition.key), resourceName: resource.name, isNewVersion: true });
      }
    }
    if (definitions.length > 0) {
      const timers = await startTimerChanges(this.store, this.keys, now, fresh);
      await this.store.commit({
        ...changes,
        deployments: [{ key: deploymentKey, orgId, createdAt: now }],
        definitions,
        timers,
        maxKey: this.keys.last,
      });
      for (const { definition, model } of fresh) this.cache(definition, model);
    }
    const result = { deploymentKey: String(deploymentKey), processes: deployed, warnings };
    if (definitions.length > 0) this.announce(result, orgId);
    return result;
  }
}
