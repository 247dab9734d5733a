package kspec.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.coordinator.common.runtime.CoordinatorRecord;
import org.apache.kafka.coordinator.common.runtime.CoordinatorResult;
import org.apache.kafka.coordinator.group.GroupCoordinatorShard;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.coordinator.group.classic.ClassicGroup;
import org.apache.kafka.coordinator.group.classic.ClassicGroupMember;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData;

/**
 * Kafka 4.4's classic group coordinator behind the contract: events become the requests a Java
 * consumer would send (Requests), answers become observations naming clients (Answers). It plays
 * the client part exactly as the group model's adapter does (model/group/group-model-system.ts): it
 * remembers each client's member id, generation and the leader's member list, forgets a client
 * that crashed and drops the answers to that client's earlier requests.
 */
final class GroupSystem {
  static final Set<String> EVENTS = Set.of("join", "sync", "heartbeat", "leave", "consumer-crash",
      "describe-group", "commit", "offset-fetch", "delete-groups", "offset-delete", "create-topic",
      "partition-change", "process", "advance-time", "broker-failure", "broker-restart");
  /** Bound on timers fired by one event: a timer that keeps rescheduling itself at once is a bug. */
  private static final int MAX_FIRINGS_PER_EVENT = 1_000_000;

  final ManualTime time = new ManualTime();
  final Settings settings;
  /** Who leads each __consumer_offsets partition. */
  final OffsetsTopic offsets;
  /** The loaded shard of each offsets partition whose leader is live (created on first use). */
  final Map<Integer, ShardHost> hosts = new TreeMap<>();
  /** Every record written to each offsets partition, in order: replicated, so it outlives a leader. */
  final Map<Integer, List<CoordinatorRecord>> logs = new HashMap<>();
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

  GroupSystem(Settings settings, long seed) {
    this.settings = settings;
    this.offsets = new OffsetsTopic(seed, settings.brokers(), settings.offsetsReplicationFactor(), settings.offsetsPartitions());
  }

  int offsetsPartitionOf(String groupId) {
    return Utils.abs(groupId.hashCode()) % settings.offsetsPartitions();
  }

  /**
   * The shard coordinating a group, found as FindCoordinator finds it (creating the offsets topic on
   * first use); NOT_COORDINATOR when its partition has no live leader.
   */
  ShardHost host(String groupId) {
    boolean creating = !offsets.exists();
    offsets.ensure();
    // Creating the topic elects every partition's leader, and each leader loads its shard then, so
    // every shard's periodic cleanup counts from the topic's creation (OC-10), whichever group asks.
    if (creating && offsets.exists())
      for (int p = 0; p < settings.offsetsPartitions(); p++)
        if (offsets.leader(p) != OffsetsTopic.NONE) hosts.put(p, load(p));
    int partition = offsetsPartitionOf(groupId);
    if (offsets.leader(partition) == OffsetsTopic.NONE) throw Errors.NOT_COORDINATOR.exception();
    ShardHost host = hosts.get(partition);
    if (host == null) {
      host = load(partition);
      hosts.put(partition, host);
    }
    return host;
  }

  /** A write to the group's shard. */
  <T> T write(String groupId, Function<GroupCoordinatorShard, CoordinatorResult<T, CoordinatorRecord>> operation) {
    ShardHost host = host(groupId);
    return host.write(() -> operation.apply(host.shard));
  }

  private ShardHost load(int partition) {
    return new ShardHost(settings.coordinatorProps(), time, partition,
        logs.computeIfAbsent(partition, p -> new ArrayList<>()), this::fireDue);
  }

  /** Every shard's timers due by limitMs, one at a time in deadline then scheduling order (GC-34). */
  void fireDue(long limitMs) {
    for (int fired = 0; ; fired++) {
      if (fired >= MAX_FIRINGS_PER_EVENT) throw new IllegalStateException("timers keep firing without end");
      ShardHost next = null;
      DeterministicTimer.Task first = null;
      for (ShardHost host : hosts.values()) {
        DeterministicTimer.Task task = host.timer.peek();
        if (task == null || task.deadlineMs > limitMs) continue;
        if (first == null || task.deadlineMs < first.deadlineMs
            || (task.deadlineMs == first.deadlineMs && task.order < first.order)) {
          first = task;
          next = host;
        }
      }
      if (next == null) return;
      next.timer.takeDue(limitMs);
      time.setMs(Math.max(time.milliseconds(), first.deadlineMs));
      next.fire(first);
    }
  }

  /** advance-time: every timer due by now + ms fires at its own deadline, in order (GC-34). */
  void advance(long ms) {
    long target = time.milliseconds() + ms;
    fireDue(target);
    time.setMs(target);
  }

  /**
   * broker-failure: each offsets partition it led is unloaded (Kafka answers the parked JoinGroup
   * and SyncGroup NOT_COORDINATOR) and, if a live in-sync replica remains, loaded by it from every
   * record written so far.
   */
  private void brokerFailed(int broker) {
    for (int partition : offsets.fenced(broker)) {
      ShardHost old = hosts.remove(partition);
      if (old != null) old.unload();
      if (offsets.leader(partition) != OffsetsTopic.NONE && logs.containsKey(partition)) hosts.put(partition, load(partition));
    }
    fireDue(time.milliseconds());
  }

  /** broker-restart: a replica back in a leaderless partition's ISR leads it and loads it. */
  private void brokerRestarted(int broker) {
    for (int partition : offsets.unfenced(broker)) {
      if (logs.containsKey(partition) && !hosts.containsKey(partition)) hosts.put(partition, load(partition));
    }
    fireDue(time.milliseconds());
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
      case "partition-change": {
        ObjectNode answer = adminAnswer(type, event, seq);
        out.add(answer);
        // The reference's controller drew start and shift for it (if the brokers could hold it).
        int rf = event.has("replicationFactor") ? event.get("replicationFactor").asInt() : 1;
        boolean validateOnly = event.path("validateOnly").asBoolean(false);
        if (answer.get("error").asText().equals("NONE") && !validateOnly
            && (type.equals("partition-change") || rf <= offsets.liveBrokers())) {
          offsets.otherTopicPlaced();
        }
        break;
      }
      case "broker-failure":
        brokerFailed(event.get("broker").asInt());
        break;
      case "broker-restart":
        brokerRestarted(event.get("broker").asInt());
        break;
      case "consumer-crash":
        clients.remove(event.get("client").asText()); // the coordinator is not told
        crashedAt.put(event.get("client").asText(), seq);
        break;
      case "process":
        break; // the application's own work: no request reaches the coordinator
      case "advance-time":
        advance(event.get("ms").asLong());
        break;
      default:
        requests.send(type, event, seq, out);
    }
    answers.released(out);
    return out;
  }

  /** Kafka's MAX_PARTITIONS_PER_BATCH (ReplicationControlManager), spec/events.ts MAX_NEW_PARTITIONS_PER_REQUEST. */
  private static final int MAX_NEW_PARTITIONS_PER_REQUEST = 10_000;

  /** create-topic and partition-change, answered as the group model answers them (handledLocally). */
  private ObjectNode adminAnswer(String type, JsonNode event, int seq) {
    String topic = event.get("topic").asText();
    int partitions = event.get("partitions").asInt();
    String error;
    Integer current = topics.get(topic);
    // RP-1: more than MAX_PARTITIONS_PER_BATCH new partitions in one request is refused first.
    long added = type.equals("create-topic") ? partitions : current == null ? 0 : (long) partitions - current;
    if (added > MAX_NEW_PARTITIONS_PER_REQUEST) {
      error = "POLICY_VIOLATION";
    } else if (type.equals("create-topic")) {
      error = current != null ? "TOPIC_ALREADY_EXISTS" : "NONE";
      topics.putIfAbsent(topic, partitions);
    } else {
      error = current == null ? "UNKNOWN_TOPIC_OR_PARTITION" : partitions <= current ? "INVALID_PARTITIONS" : "NONE";
      // A validate-only CreatePartitions is answered alike and adds nothing (RP-1).
      if (error.equals("NONE") && !event.path("validateOnly").asBoolean(false)) topics.put(topic, partitions);
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
      ShardHost host = hosts.get(offsetsPartitionOf(groupId));
      return host == null ? null : host.groups.classicGroup(groupId, ShardHost.LATEST);
    } catch (RuntimeException e) {
      return null;
    }
  }

  ObjectNode snapshot() {
    ObjectNode state = Codec.JSON.objectNode();
    state.put("timeMs", time.milliseconds());
    ArrayNode brokers = state.putArray("brokers");
    for (int b = 0; b < settings.brokers(); b++) brokers.addObject().put("id", b).put("alive", offsets.isAlive(b));
    state.putArray("partitions");
    ArrayNode groups = state.putArray("groups");
    for (ShardHost host : hosts.values()) {
      List<ListGroupsResponseData.ListedGroup> listed = host.shard.listGroups(List.of(), List.of(), ShardHost.LATEST);
      for (ListGroupsResponseData.ListedGroup entry : listed) {
        ClassicGroup group = classicGroup(entry.groupId());
        if (group != null) groups.add(groupSnapshot(host, group));
      }
    }
    return state;
  }

  private ObjectNode groupSnapshot(ShardHost host, ClassicGroup group) {
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
      member.groupInstanceId().ifPresent(id -> m.put("instanceId", id));
      m.put("syncedGeneration", storedGeneration(state, group.generationId(), assignment.size() > 0));
      m.set("assignment", assignment);
    }
    ArrayNode committed = node.putArray("committed");
    node.put("coordinator", offsets.leader(host.partition));
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
