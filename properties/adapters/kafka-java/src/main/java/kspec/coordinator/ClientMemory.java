package kspec.coordinator;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.TopicPartition;

/**
 * What a client learned from its answers, as the group model's adapter keeps it
 * (model/group/contract-requests.ts ClientMemory): its member id, generation, selected protocol and,
 * when it led, the members of its last JoinGroup answer with their subscriptions, and the partitions
 * its last successful SyncGroup assigned, with that generation.
 */
final class ClientMemory {
  /** One member of a leader's JoinGroup answer, with its decoded subscription; instanceId null for a dynamic member. */
  record JoinedMember(String memberId, List<String> topics, String instanceId, Subscription subscription) {}

  String memberId = "";
  int generation = -1;
  String protocol = null;
  List<JoinedMember> leaderOf = null;
  /** Sorted by topic, then partition; a leave of its own membership forgets it. */
  List<TopicPartition> assignment = List.of();
  /** The generation `assignment` came with; -1 before a first one and after a leave. */
  int assignedGeneration = -1;
}
