package kspec.coordinator;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.clients.consumer.StickyAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;

/**
 * A leader's plan without explicit assignments: the group's selected assignor (Kafka's own client
 * assignor classes; range when the protocol names none of them, as the group model's adapter does)
 * over the members of the leader's last JoinGroup answer, each with its subscription as it sent it
 * (what a sticky assignor reads included: the TypeScript side passes the same to its assignors).
 */
final class LeaderPlan {
  private LeaderPlan() {}

  static ConsumerPartitionAssignor assignor(String protocol) {
    String name = protocol == null ? "range" : protocol;
    switch (name) {
      case "roundrobin":
        return new RoundRobinAssignor();
      case "sticky":
        return new StickyAssignor();
      case "cooperative-sticky":
        return new CooperativeStickyAssignor();
      default:
        return new RangeAssignor();
    }
  }

  static List<SyncGroupRequestAssignment> plan(ClientMemory leader, ToIntFunction<String> partitionsOf) {
    // A HashMap filled in JoinGroup order, as ConsumerCoordinator.onLeaderElected fills it (AS-10).
    Map<String, Subscription> subscriptions = new HashMap<>();
    Set<String> topics = new HashSet<>();
    for (ClientMemory.JoinedMember member : leader.leaderOf) {
      Subscription subscription = member.subscription();
      // The leader orders static members first by instance id (AS-1), as the consumer's coordinator sets it.
      if (member.instanceId() != null) subscription.setGroupInstanceId(Optional.of(member.instanceId()));
      subscriptions.put(member.memberId(), subscription);
      topics.addAll(member.topics());
    }
    List<PartitionInfo> partitions = new ArrayList<>();
    for (String topic : topics) {
      for (int p = 0; p < partitionsOf.applyAsInt(topic); p++) {
        partitions.add(new PartitionInfo(topic, p, Node.noNode(), new Node[0], new Node[0]));
      }
    }
    Cluster cluster = new Cluster("kspec", List.of(), partitions, Set.of(), Set.of());
    Map<String, ConsumerPartitionAssignor.Assignment> plan =
        assignor(leader.protocol).assign(cluster, new GroupSubscription(subscriptions)).groupAssignment();
    List<SyncGroupRequestAssignment> assignments = new ArrayList<>();
    for (Map.Entry<String, ConsumerPartitionAssignor.Assignment> entry : plan.entrySet()) {
      ByteBuffer bytes = ConsumerProtocol.serializeAssignment(entry.getValue());
      assignments.add(new SyncGroupRequestAssignment().setMemberId(entry.getKey()).setAssignment(Codec.bytes(bytes)));
    }
    return assignments;
  }
}
