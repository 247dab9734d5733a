// The model's way of saying it does not know: raised instead of guessing.

/** A part of Kafka's behaviour this model does not cover; raised instead of guessing. */
export class OutsideModelScope extends Error {
  override name = 'OutsideModelScope';
}
