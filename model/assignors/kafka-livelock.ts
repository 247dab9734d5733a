// Some inputs make Kafka's own general sticky assignment loop forever (AS-14): its balancing passes
// come back to a state they were in before, and being deterministic they repeat it without end; the
// group leader's assignor never returns. The model proves this by the repetition and throws this
// instead of looping, so a caller can tell "Kafka never answers here" from an answer.
export class KafkaAssignorLivelock extends Error {
  override name = 'KafkaAssignorLivelock';
}
