// Record values as the replication model stores them: it compares entries by number, the contract
// carries strings. Each distinct string gets one number for the whole run, so a re-sent value is the
// same value at both ends (the model's divergence check compares epoch and value per offset).
export class ValueTable {
  private readonly numbers = new Map<string, number>();
  private readonly strings: string[] = [];

  number(value: string): number {
    let id = this.numbers.get(value);
    if (id === undefined) {
      id = this.strings.length + 1;
      this.numbers.set(value, id);
      this.strings.push(value);
    }
    return id;
  }

  text(id: number): string {
    const value = this.strings[id - 1];
    if (value === undefined) throw new Error(`no value numbered ${id}`);
    return value;
  }
}
