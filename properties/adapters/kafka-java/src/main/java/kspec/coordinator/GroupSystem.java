package kspec.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.coordinator.group.classic.ClassicGroup;
import org.apache.kafka.coordinator.group.classic.ClassicGroupMember;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData;

/**
 * Kafka 4.4's classic group coordinator behind the contract: events become the requests a Java
 * consumer would send (Requests), answers become observations naming clients (Answers). It plays
 * the client part exactly as the group model's adapter does (model/group/contract-adapter.ts): it
 * remembers each client's member id, generation and the leader's member list, forgets a client
 * that crashed and drops the answers to that client's earlier requests.
 */
final class GroupSystem {
  static final Set<String> EVENTS = Set.of("join", "sync", "heartbeat", "leave", "consumer-crash",
      "describe-group", "commit", "offset-fetch", "create-topic", "partition-change", "process", "advance-time");

  final ShardHost host;
  final Settings settings;
  final Map<String, ClientMemory> clients = new HashMap<>();
  /** Every member id the coordinator issued, with its client: answers may outlive the member. */
  final Map<String, String> issued = new HashMap<>();
  /** The seq of each client's last crash: answers to requests from before it reach nobody. */
  final Map<String, Integer> crashedAt = new HashMap<>();
  final Map<String, Integer> topics = new HashMap<>();
  /** Parked JoinGroup and SyncGroup answers, in the order they were asked. */
  final List<Parked> parked = new ArrayList<>();
  private final Requests requests = new Requests(this);
  private final Answers answers = new Answers(this);

  /** A request whose answer comes through a future (JoinGroup, SyncGroup). */
  record Parked(String type, String client, String group, int request, CompletableFuture<?> future) {}

  GroupSystem(Settings settings) {
    this.settings = settings;
    this.host = new ShardHost(settings.coordinatorProps());
  }

  ClientMemory memory(String client) {
    return clients.computeIfAbsent(client, c -> new ClientMemory());
  }

  String memberId(String client, String ref) {
    switch (ref) {
      case "none":
        return "";
      case "bogus":
        return "bogus-member-id";
      default:
        return memory(client).memberId;
    }
  }

  int partitionsOf(String topic) {
    return topics.getOrDefault(topic, settings.partitions());
  }

  /** Every observation of one event: its own answers and the parked ones it released. */
  ArrayNode apply(JsonNode event, int seq) {
    ArrayNode out = Codec.JSON.arrayNode();
    String type = event.get("type").asText();
    switch (type) {
      case "create-topic":
      case "partition-change":
        out.add(adminAnswer(type, event, seq));
        break;
      case "consumer-crash":
        clients.remove(event.get("client").asText()); // the coordinator is not told
        crashedAt.put(event.get("client").asText(), seq);
        break;
      case "process":
        break; // the application's own work: no request reaches the coordinator
      case "advance-time":
        host.advance(event.get("ms").asLong());
        break;
      default:
        requests.send(type, event, seq, out);
    }
    answers.released(out);
    return out;
  }

  /** create-topic and partition-change, answered as the group model answers them (handledLocally). */
  private ObjectNode adminAnswer(String type, JsonNode event, int seq) {
    String topic = event.get("topic").asText();
    int partitions = event.get("partitions").asInt();
    String error;
    if (type.equals("create-topic")) {
      error = topics.containsKey(topic) ? "TOPIC_ALREADY_EXISTS" : "NONE";
      topics.putIfAbsent(topic, partitions);
    } else {
      Integer current = topics.get(topic);
      error = current == null ? "UNKNOWN_TOPIC_OR_PARTITION" : partitions <= current ? "INVALID_PARTITIONS" : "NONE";
      if (error.equals("NONE")) topics.put(topic, partitions);
    }
    ObjectNode answer = Codec.JSON.objectNode();
    answer.put("type", "admin-response").put("request", seq).put("op", type).put("topic", topic).put("error", error);
    return answer;
  }

  /** The client a member id names: the one it was issued to, else the member's client id; null if none. */
  String clientOf(String memberId, ClassicGroup group) {
    if (memberId == null || memberId.isEmpty()) return null;
    String client = issued.get(memberId);
    if (client != null) return client;
    if (group != null && group.hasMember(memberId)) return group.member(memberId).clientId();
    return null;
  }

  ClassicGroup classicGroup(String groupId) {
    try {
      return host.groups.classicGroup(groupId, ShardHost.LATEST);
    } catch (RuntimeException e) {
      return null;
    }
  }

  ObjectNode snapshot() {
    ObjectNode state = Codec.JSON.objectNode();
    state.put("timeMs", host.time.milliseconds());
    state.putArray("brokers");
    state.putArray("partitions");
    ArrayNode groups = state.putArray("groups");
    List<ListGroupsResponseData.ListedGroup> listed = host.shard.listGroups(List.of(), List.of(), ShardHost.LATEST);
    for (ListGroupsResponseData.ListedGroup entry : listed) {
      ClassicGroup group = classicGroup(entry.groupId());
      if (group != null) groups.add(groupSnapshot(group));
    }
    return state;
  }

  private ObjectNode groupSnapshot(ClassicGroup group) {
    ObjectNode node = Codec.JSON.objectNode();
    String state = group.currentState().toString();
    node.put("group", group.groupId()).put("state", state).put("generation", group.generationId());
    node.put("protocol", group.protocolName().orElse(null));
    node.put("leader", clientOf(group.leaderOrNull(), group));
    ArrayNode members = node.putArray("members");
    for (ClassicGroupMember member : group.allMembers()) {
      ArrayNode assignment = Codec.assignmentJson(member.assignment());
      ObjectNode m = members.addObject();
      String client = clientOf(member.memberId(), group);
      m.put("client", client == null ? member.clientId() : client);
      m.put("syncedGeneration", storedGeneration(state, group.generationId(), assignment.size() > 0));
      m.set("assignment", assignment);
    }
    ArrayNode committed = node.putArray("committed");
    OffsetFetchResponseData.OffsetFetchResponseGroup offsets =
        host.shard.fetchOffsets(new OffsetFetchRequestGroup().setGroupId(group.groupId()).setTopics(null), ShardHost.LATEST);
    for (OffsetFetchResponseData.OffsetFetchResponseTopics topic : offsets.topics()) {
      for (OffsetFetchResponseData.OffsetFetchResponsePartitions partition : topic.partitions()) {
        committed.addObject().put("topic", topic.name()).put("partition", partition.partitionIndex())
            .put("offset", partition.committedOffset());
      }
    }
    return node;
  }

  /** The generation a member's stored assignment belongs to, as the group model's inspect computes it. */
  private static int storedGeneration(String state, int generation, boolean assigned) {
    if (state.equals("Stable")) return generation;
    if (!assigned) return -1;
    return state.equals("CompletingRebalance") ? generation - 1 : generation;
  }
}
