// Some inputs make Kafka's own assignors throw (a NullPointerException in the general sticky
// assignment, an IllegalStateException from the constrained one's self-checks, a division by zero
// for a group without members). The model throws this where Kafka's code throws, naming the Java
// exception, so a caller can tell "Kafka fails here too" from a bug in the model.
export class KafkaAssignorException extends Error {
  override name = 'KafkaAssignorException';

  constructor(
    /** The Java exception class Kafka throws, e.g. `NullPointerException`. */
    readonly javaException: string,
    message: string,
  ) {
    super(`${javaException}: ${message}`);
  }
}
