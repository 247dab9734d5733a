package kspec.assignors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * One assignment problem, read from its JSON form (the shape of kspec's AssignorInput plus the
 * strategy). Reading validates everything, so a malformed line becomes an error answer, never a
 * Kafka exception: only what Kafka's own code throws is reported as "thrown".
 */
final class Problem {
    static final Set<String> STRATEGIES = Set.of("range", "roundrobin", "sticky", "cooperative-sticky");
    /** Bounds that keep one bad line from exhausting memory; far above what the properties generate. */
    private static final int MAX_PARTITIONS = 100_000;
    private static final int MAX_MEMBERS = 10_000;
    private static final int MAX_REPLICAS = 100;

    /** A member as it joined: member order is the JoinGroup response order (the leader's HashMap insertion order). */
    record Member(String memberId, Optional<String> groupInstanceId, List<String> topics,
                  List<TopicPartition> owned, int generation, Optional<String> rack) {}

    final String strategy;
    /** Topic name -> partition count, in the problem's order. */
    final Map<String, Integer> topics;
    final List<Member> members;
    /**
     * Topic name -> the racks of each partition's replicas, by partition index (a null rack: a broker
     * without broker.rack). A partition not listed has one replica on a broker without a rack.
     */
    final Map<String, List<List<String>>> partitionRacks;

    private Problem(String strategy, Map<String, Integer> topics, List<Member> members,
                    Map<String, List<List<String>>> partitionRacks) {
        this.strategy = strategy;
        this.topics = topics;
        this.members = members;
        this.partitionRacks = partitionRacks;
    }

    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    static Problem read(JsonNode root) throws Malformed {
        if (!root.isObject()) throw new Malformed("a problem is a JSON object");
        String strategy = text(root.get("strategy"), "strategy");
        if (!STRATEGIES.contains(strategy))
            throw new Malformed("strategy must be one of range, roundrobin, sticky, cooperative-sticky");
        return new Problem(strategy, readTopics(root.get("topics")), readMembers(root.get("members")),
            readPartitionRacks(root.get("partitionRacks")));
    }

    private static Map<String, List<List<String>>> readPartitionRacks(JsonNode node) throws Malformed {
        if (node == null || node.isNull()) return Map.of();
        String shape = "partitionRacks must be an object of topic -> [[rack or null, ...] per partition]";
        if (!node.isObject()) throw new Malformed(shape);
        Map<String, List<List<String>>> racks = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().isArray() || field.getValue().size() > MAX_PARTITIONS) throw new Malformed(shape);
            List<List<String>> partitions = new ArrayList<>();
            for (JsonNode replicas : field.getValue()) {
                if (!replicas.isArray() || replicas.size() > MAX_REPLICAS) throw new Malformed(shape);
                List<String> replicaRacks = new ArrayList<>();
                for (JsonNode rack : replicas) replicaRacks.add(rack.isNull() ? null : text(rack, "replica rack"));
                partitions.add(replicaRacks);
            }
            racks.put(field.getKey(), partitions);
        }
        return racks;
    }

    private static Map<String, Integer> readTopics(JsonNode node) throws Malformed {
        if (node == null || !node.isObject()) throw new Malformed("topics must be an object of name -> partition count");
        Map<String, Integer> topics = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            topics.put(field.getKey(), count(field.getValue(), "partition count of " + field.getKey(), MAX_PARTITIONS));
        }
        return topics;
    }

    private static List<Member> readMembers(JsonNode node) throws Malformed {
        if (node == null || !node.isArray()) throw new Malformed("members must be an array");
        if (node.size() > MAX_MEMBERS) throw new Malformed("more than " + MAX_MEMBERS + " members");
        List<Member> members = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode member : node) {
            if (!member.isObject()) throw new Malformed("a member must be an object");
            String memberId = text(member.get("memberId"), "memberId");
            if (!ids.add(memberId)) throw new Malformed("duplicate member id " + memberId);
            JsonNode instance = member.get("groupInstanceId");
            Optional<String> groupInstanceId = instance == null || instance.isNull()
                ? Optional.empty() : Optional.of(text(instance, "groupInstanceId"));
            JsonNode generation = member.get("generation");
            int generationId = generation == null || generation.isNull() ? -1 : integer(generation, "generation");
            JsonNode rack = member.get("rack");
            Optional<String> rackId = rack == null || rack.isNull() ? Optional.empty() : Optional.of(text(rack, "rack"));
            members.add(new Member(memberId, groupInstanceId, readTopicNames(member.get("topics")),
                readOwned(member.get("owned")), generationId, rackId));
        }
        return members;
    }

    private static List<String> readTopicNames(JsonNode node) throws Malformed {
        if (node == null || !node.isArray()) throw new Malformed("a member's topics must be an array of names");
        List<String> names = new ArrayList<>();
        for (JsonNode name : node) names.add(text(name, "topic name"));
        return names;
    }

    private static List<TopicPartition> readOwned(JsonNode node) throws Malformed {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw new Malformed("owned must be an array of {topic, partition}");
        List<TopicPartition> owned = new ArrayList<>();
        for (JsonNode partition : node) {
            if (!partition.isObject()) throw new Malformed("an owned partition must be {topic, partition}");
            owned.add(new TopicPartition(text(partition.get("topic"), "owned topic"),
                count(partition.get("partition"), "owned partition", Integer.MAX_VALUE)));
        }
        return owned;
    }

    private static String text(JsonNode node, String what) throws Malformed {
        if (node == null || !node.isTextual()) throw new Malformed(what + " must be a string");
        return node.textValue();
    }

    private static int integer(JsonNode node, String what) throws Malformed {
        if (node == null || !node.isInt()) throw new Malformed(what + " must be a 32-bit integer");
        return node.intValue();
    }

    private static int count(JsonNode node, String what, int max) throws Malformed {
        int value = integer(node, what);
        if (value < 0 || value > max) throw new Malformed(what + " must be between 0 and " + max);
        return value;
    }
}
