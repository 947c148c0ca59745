import type { SourcePosition } from './deploy-problem.js';

/**
 * Where things are in the XML text. bpmn-moddle keeps no positions on the elements it
 * builds, so the pre-scan records the offset of every start tag with an `id`, and offsets
 * become line and column only when a problem needs them.
 */
export class SourcePositions {
  readonly #text: string;
  readonly #idOffsets = new Map<string, number>();
  #lineStarts: number[] | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  /** Record the offset of the start tag of the element with this id (first one wins). */
  recordId(id: string, offset: number): void {
    if (!this.#idOffsets.has(id)) this.#idOffsets.set(id, offset);
  }

  /** The position of the start tag of the element with this id, if it was seen. */
  ofId(id: string): SourcePosition | undefined {
    const offset = this.#idOffsets.get(id);
    return offset === undefined ? undefined : this.at(offset);
  }

  /** The line and column of a character offset. */
  at(offset: number): SourcePosition {
    const starts = this.#lines();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }

  #lines(): number[] {
    if (this.#lineStarts === undefined) {
      const starts = [0];
      for (let i = this.#text.indexOf('\n'); i !== -1; i = this.#text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.#lineStarts = starts;
    }
    return this.#lineStarts;
  }
}
