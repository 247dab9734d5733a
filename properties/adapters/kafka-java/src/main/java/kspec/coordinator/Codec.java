package kspec.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;

/** The consumer protocol's bytes, as the Java consumer writes and reads them (ConsumerProtocol). */
final class Codec {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Codec() {}

  static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  static byte[] subscription(List<String> topics) {
    return bytes(ConsumerProtocol.serializeSubscription(new Subscription(topics)));
  }

  static List<String> subscribedTopics(byte[] metadata) {
    if (metadata == null || metadata.length == 0) return List.of();
    return ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(metadata)).topics();
  }

  /** An assignment from the contract's [{topic, partitions}] (order kept, as serializeAssignment keeps it). */
  static byte[] assignment(JsonNode topicPartitions) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (JsonNode entry : topicPartitions) {
      for (JsonNode partition : entry.get("partitions")) {
        partitions.add(new TopicPartition(entry.get("topic").asText(), partition.asInt()));
      }
    }
    return bytes(ConsumerProtocol.serializeAssignment(new Assignment(partitions)));
  }

  /** The contract's [{topic, partitions}] of assignment bytes (topics in first-seen order). */
  static ArrayNode assignmentJson(byte[] bytes) {
    Map<String, ArrayNode> byTopic = new LinkedHashMap<>();
    if (bytes != null && bytes.length > 0) {
      for (TopicPartition tp : ConsumerProtocol.deserializeAssignment(ByteBuffer.wrap(bytes)).partitions()) {
        byTopic.computeIfAbsent(tp.topic(), t -> JSON.arrayNode()).add(tp.partition());
      }
    }
    ArrayNode result = JSON.arrayNode();
    byTopic.forEach((topic, partitions) -> {
      ObjectNode entry = result.addObject();
      entry.put("topic", topic);
      entry.set("partitions", partitions);
    });
    return result;
  }
}
