package kspec.assignors;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.clients.consumer.StickyAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs a problem through kafka-clients' own assignors the way a group leader does
 * (ConsumerCoordinator.onLeaderElected): subscriptions in a HashMap filled in JoinGroup member
 * order, then assign(Cluster, GroupSubscription) on a fresh assignor (they keep state). Racks come
 * in as Kafka's do: the member's client.rack in its Subscription (KIP-881), replica racks on the
 * cluster's nodes.
 */
final class KafkaAssignors {
    private static final Node BROKER = new Node(0, "localhost", 9092);

    private KafkaAssignors() {}

    static Map<String, List<TopicPartition>> assign(Problem problem) {
        Map<String, Subscription> subscriptions = new HashMap<>();
        for (Problem.Member member : problem.members) subscriptions.put(member.memberId(), subscription(problem.strategy, member));
        Map<String, List<TopicPartition>> plan = new HashMap<>();
        assignor(problem.strategy).assign(cluster(problem), new GroupSubscription(subscriptions))
            .groupAssignment()
            .forEach((memberId, assignment) -> plan.put(memberId, assignment.partitions()));
        return plan;
    }

    private static ConsumerPartitionAssignor assignor(String strategy) {
        switch (strategy) {
            case "range": return new RangeAssignor();
            case "roundrobin": return new RoundRobinAssignor();
            case "sticky": return new StickyAssignor();
            case "cooperative-sticky": return new CooperativeStickyAssignor();
            default: throw new IllegalArgumentException(strategy);
        }
    }

    /**
     * Topics with their partitions, as the leader's metadata shows them: each listed replica on a
     * broker of its own with that rack (the assignors read Node.rack of PartitionInfo.replicas); a
     * partition without listed replicas on one broker without a rack.
     */
    private static Cluster cluster(Problem problem) {
        List<PartitionInfo> partitions = new ArrayList<>();
        List<Node> nodes = new ArrayList<>(List.of(BROKER));
        Node[] rackless = {BROKER};
        problem.topics.forEach((topic, count) -> {
            List<List<String>> racks = problem.partitionRacks.getOrDefault(topic, List.of());
            for (int partition = 0; partition < count; partition++) {
                Node[] replicas = rackless;
                if (partition < racks.size()) {
                    List<String> replicaRacks = racks.get(partition);
                    replicas = new Node[replicaRacks.size()];
                    for (int replica = 0; replica < replicas.length; replica++) {
                        replicas[replica] = new Node(nodes.size(), "broker-" + nodes.size(), 9092, replicaRacks.get(replica));
                        nodes.add(replicas[replica]);
                    }
                }
                Node leader = replicas.length > 0 ? replicas[0] : BROKER;
                partitions.add(new PartitionInfo(topic, partition, leader, replicas, replicas));
            }
        });
        return new Cluster("kspec", nodes, partitions, new HashSet<>(), new HashSet<>());
    }

    /**
     * What the member's consumer would send: its owned partitions and generation in the
     * Subscription (ConsumerProtocol v3), and the user data its own assignor instance writes after
     * onAssignment of those partitions in that generation (StickyAssignor carries both in user data;
     * CooperativeStickyAssignor the generation).
     */
    private static Subscription subscription(String strategy, Problem.Member member) {
        Subscription subscription = new Subscription(member.topics(), userData(strategy, member),
            member.owned(), member.generation(), member.rack());
        subscription.setGroupInstanceId(member.groupInstanceId());
        return subscription;
    }

    private static ByteBuffer userData(String strategy, Problem.Member member) {
        ConsumerPartitionAssignor own;
        if (strategy.equals("sticky")) own = new StickyAssignor();
        else if (strategy.equals("cooperative-sticky")) own = new CooperativeStickyAssignor();
        else return null;
        own.onAssignment(new Assignment(member.owned()),
            new ConsumerGroupMetadata("kspec", member.generation(), member.memberId(), member.groupInstanceId()));
        return own.subscriptionUserData(new HashSet<>(member.topics()));
    }
}
