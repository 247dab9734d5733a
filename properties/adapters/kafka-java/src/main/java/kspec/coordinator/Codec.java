package kspec.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.StickyAssignor;
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

  /**
   * A subscription to `topics` for `protocol`, from a member holding `held` since `generation`:
   * what it holds goes where Kafka's assignor reads it (properties/client/sticky-subscription.ts):
   * the eager sticky assignor's user data (as StickyAssignor itself writes it after onAssignment), or
   * cooperative-sticky's ownedPartitions; both with the generation as the subscription's generationId.
   */
  static byte[] subscription(String protocol, List<String> topics, List<TopicPartition> held, int generation) {
    Subscription subscription;
    if (protocol.equals("cooperative-sticky")) {
      subscription = new Subscription(topics, null, held, generation, Optional.empty());
    } else if (protocol.equals("sticky")) {
      StickyAssignor assignor = new StickyAssignor();
      if (generation >= 0) {
        assignor.onAssignment(new Assignment(held), new ConsumerGroupMetadata("kspec", generation, "", Optional.empty()));
      }
      subscription = new Subscription(topics, assignor.subscriptionUserData(new HashSet<>(topics)), List.of(), generation, Optional.empty());
    } else {
      subscription = new Subscription(topics);
    }
    return bytes(ConsumerProtocol.serializeSubscription(subscription));
  }

  static Subscription decodedSubscription(byte[] metadata) {
    if (metadata == null || metadata.length == 0) return new Subscription(List.of());
    return ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(metadata));
  }

  static List<String> subscribedTopics(byte[] metadata) {
    if (metadata == null || metadata.length == 0) return List.of();
    return ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(metadata)).topics();
  }

  /** Topic-partitions sorted by topic, then partition (as the clients keep an assignment). */
  static List<TopicPartition> sorted(List<TopicPartition> partitions) {
    List<TopicPartition> list = new ArrayList<>(partitions);
    list.sort(java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
    return List.copyOf(list);
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
  static List<TopicPartition> assignedPartitions(byte[] bytes) {
    if (bytes == null || bytes.length == 0) return List.of();
    return ConsumerProtocol.deserializeAssignment(ByteBuffer.wrap(bytes)).partitions();
  }

  /** An assignment as the contract's client reports it: topics and partitions sorted (sticky assignors do not sort). */
  static ArrayNode assignmentJson(byte[] bytes) {
    Map<String, ArrayNode> byTopic = new LinkedHashMap<>();
    for (TopicPartition tp : sorted(assignedPartitions(bytes))) {
      byTopic.computeIfAbsent(tp.topic(), t -> JSON.arrayNode()).add(tp.partition());
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
