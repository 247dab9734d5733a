// The sends of a run still waiting for their answer, by request, and which values they carry: the
// retry command and the final phase ask for a value many times a run, so the count per value is
// kept beside the requests rather than found by scanning them.

export class InFlightSends {
  readonly #byRequest = new Map<number, readonly string[]>();
  /** How many in-flight requests carry each value. */
  readonly #perValue = new Map<string, number>();

  get size(): number {
    return this.#byRequest.size;
  }

  /** Whether a request waiting for its answer carries `value`. */
  has(value: string): boolean {
    return this.#perValue.has(value);
  }

  sent(request: number, values: readonly string[]): void {
    this.#byRequest.set(request, values);
    for (const value of values) this.#perValue.set(value, (this.#perValue.get(value) ?? 0) + 1);
  }

  answered(request: number): void {
    const values = this.#byRequest.get(request);
    if (!values) return;
    this.#byRequest.delete(request);
    for (const value of values) {
      const left = this.#perValue.get(value)! - 1;
      if (left === 0) this.#perValue.delete(value);
      else this.#perValue.set(value, left);
    }
  }
}
