// Records as the replication model stores them: it compares entries by number, the contract carries
// a string value and a timestamp. Each distinct (value, timestamp) pair gets one number for the whole
// run, so a re-sent record is the same record at both ends (the model's divergence check compares
// epoch and value per offset) and a value sent again with another timestamp is another record.
export class ValueTable {
  private readonly numbers = new Map<string, number>();
  private readonly records: { readonly value: string; readonly timestamp: number }[] = [];

  number(value: string, timestamp: number): number {
    const key = `${timestamp}\u0000${value}`;
    let id = this.numbers.get(key);
    if (id === undefined) {
      id = this.records.length + 1;
      this.numbers.set(key, id);
      this.records.push({ value, timestamp });
    }
    return id;
  }

  text(id: number): string {
    return this.record(id).value;
  }

  /** The record's CreateTime in ms on the run's clock. */
  timestamp(id: number): number {
    return this.record(id).timestamp;
  }

  private record(id: number) {
    const record = this.records[id - 1];
    if (record === undefined) throw new Error(`no value numbered ${id}`);
    return record;
  }
}
