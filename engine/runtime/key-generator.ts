/**
 * Hands out record keys: increasing integers, unique for the database. The store
 * persists the highest key each command used, so a restart continues above it;
 * keys of a command that never committed are simply skipped.
 */
export class KeyGenerator {
  #last: number;

  constructor(start: number) {
    this.#last = start;
  }

  next(): number {
    this.#last += 1;
    return this.#last;
  }

  get last(): number {
    return this.#last;
  }
}
