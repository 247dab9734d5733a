package kspec.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The run's settings (reset's config, by Kafka's names) that reach the coordinator and the clients. */
record Settings(Map<String, Object> coordinatorProps, int partitions, int minSessionTimeoutMs, int maxSessionTimeoutMs,
    int brokers, int offsetsReplicationFactor, int offsetsPartitions) {
  /** The coordinator settings a run may set (spec/config.ts); anything absent keeps Kafka's default. */
  static final List<String> COORDINATOR_KEYS = List.of(
      "group.initial.rebalance.delay.ms",
      "group.min.session.timeout.ms",
      "group.max.session.timeout.ms",
      "group.max.size",
      "offsets.retention.minutes",
      "offsets.retention.check.interval.ms",
      "offset.metadata.max.bytes",
      "offsets.topic.num.partitions");

  static Settings from(JsonNode config) {
    Map<String, Object> props = new HashMap<>();
    for (String key : COORDINATOR_KEYS) {
      JsonNode value = config == null ? null : config.get(key);
      if (value != null && !value.isNull()) props.put(key, value.asText());
    }
    // Writes are never batched or delayed: each operation's records are committed before the next.
    props.put("group.coordinator.append.linger.ms", "0");
    int partitions = config != null && config.has("partitions") ? config.get("partitions").asInt() : 3;
    int min = Integer.parseInt(String.valueOf(props.getOrDefault("group.min.session.timeout.ms", "6000")));
    int max = Integer.parseInt(String.valueOf(props.getOrDefault("group.max.session.timeout.ms", "1800000")));
    int brokers = config != null && config.has("brokers") ? config.get("brokers").asInt() : 3;
    int replication = config != null && config.has("offsets.topic.replication.factor")
        ? config.get("offsets.topic.replication.factor").asInt() : 3;
    int offsetsPartitions = Integer.parseInt(String.valueOf(props.getOrDefault("offsets.topic.num.partitions", "50")));
    return new Settings(props, partitions, min, max, brokers, replication, offsetsPartitions);
  }
}
