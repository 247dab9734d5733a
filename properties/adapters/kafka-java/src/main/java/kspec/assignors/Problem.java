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

    /** A member as it joined: member order is the JoinGroup response order (the leader's HashMap insertion order). */
    record Member(String memberId, Optional<String> groupInstanceId, List<String> topics,
                  List<TopicPartition> owned, int generation) {}

    final String strategy;
    /** Topic name -> partition count, in the problem's order. */
    final Map<String, Integer> topics;
    final List<Member> members;

    private Problem(String strategy, Map<String, Integer> topics, List<Member> members) {
        this.strategy = strategy;
        this.topics = topics;
        this.members = members;
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
        return new Problem(strategy, readTopics(root.get("topics")), readMembers(root.get("members")));
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
            members.add(new Member(memberId, groupInstanceId, readTopicNames(member.get("topics")),
                readOwned(member.get("owned")), generationId));
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
