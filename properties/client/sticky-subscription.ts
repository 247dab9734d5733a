// What a member offering one of the sticky assignors adds to its JoinGroup subscription, where
// Kafka's assignor reads it (AbstractStickyAssignor.memberData): the eager `sticky` keeps its last
// assignment and that assignment's generation in the user data (StickyAssignor's
// STICKY_ASSIGNOR_USER_DATA_V1), `cooperative-sticky` in the subscription's ownedPartitions; both
// send the generation as the subscription's generationId (v2) too, as the Java consumer does:
// Kafka 4.4 compares a conflicting claim's generation with that field (allSubscriptionsEqual).
// So the metadata bytes change with what the member holds (GC-15), and the leader's assignor can
// keep partitions where they are (AS-5).
import {
  type ConsumerSubscription,
  readPartitions,
  type TopicPartitionList,
  writePartitions,
} from '../../impl/coordinator/consumer-protocol.ts';
import { Reader, Writer } from '../../impl/protocol/primitives.ts';

/** What a member holds: its last assignment (topics and partitions sorted) and the generation it came with. */
export interface Held {
  readonly owned: readonly TopicPartitionList[];
  /** -1: it never had an assignment (or left since). */
  readonly generation: number;
}

/** The subscription fields a protocol carries for a member holding `held`. */
export function stickyFields(protocol: string, held: Held): Partial<ConsumerSubscription> {
  if (protocol === 'cooperative-sticky')
    return { version: 2, ownedPartitions: held.owned, generationId: held.generation };
  // Java's StickyAssignor sends no user data before its first assignment (memberAssignment null).
  if (protocol === 'sticky')
    return {
      version: 2,
      ownedPartitions: [],
      generationId: held.generation,
      userData: held.generation >= 0 ? stickyUserData(held) : null,
    };
  return { version: 1, ownedPartitions: [] };
}

/** What a decoded subscription says its member holds, for the selected protocol. */
export function heldIn(protocol: string | null, subscription: ConsumerSubscription): Held {
  if (protocol === 'cooperative-sticky')
    return { owned: subscription.ownedPartitions, generation: subscription.generationId };
  if (protocol === 'sticky' && subscription.userData !== null)
    return readStickyUserData(subscription.userData);
  return { owned: [], generation: -1 };
}

/** STICKY_ASSIGNOR_USER_DATA_V1: previous_assignment [topic string, partitions [int32]], generation int32. */
function stickyUserData(held: Held): Uint8Array {
  const writer = new Writer();
  writePartitions(writer, held.owned);
  return writer.int32(held.generation).toUint8Array();
}

function readStickyUserData(bytes: Uint8Array): Held {
  const reader = Reader.of(bytes, { strictUtf8: true });
  const owned = readPartitions(reader);
  // V0 (before KIP-341) ends here: no generation.
  const generation = reader.remaining >= 4 ? reader.int32() : -1;
  return { owned, generation };
}
