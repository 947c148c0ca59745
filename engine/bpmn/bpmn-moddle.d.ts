// bpmn-moddle 10 ships types for its metamodel but none for its entry point; this declares
// the one class and method the compiler uses. Elements stay `unknown` here and are read
// through the structural interface in moddle-element.ts.
declare module 'bpmn-moddle' {
  /** One problem bpmn-moddle tolerated while reading (unresolved reference, unknown element…). */
  export interface ModdleParseWarning {
    readonly message: string;
    readonly element?: unknown;
    readonly property?: string;
    readonly value?: unknown;
    readonly error?: Error;
  }

  export interface ModdleParseResult {
    readonly rootElement: unknown;
    readonly warnings: readonly ModdleParseWarning[];
    readonly elementsById: Readonly<Record<string, unknown>>;
  }

  export class BpmnModdle {
    constructor(packages?: Readonly<Record<string, unknown>>);
    fromXML(xml: string, typeName?: string): Promise<ModdleParseResult>;
  }
}
