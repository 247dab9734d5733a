package kspec.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResultCollection;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetDeleteResponse;
import org.apache.kafka.coordinator.common.runtime.CoordinatorOperationExceptionHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contract events as the requests a Java consumer sends, handed to the shard the way
 * GroupCoordinatorService hands them (its checks before the shard, and its exception-to-error
 * mapping after), mirroring model/group/contract-requests.ts for what the client puts in them.
 */
final class Requests {
  private static final Logger LOG = LoggerFactory.getLogger(Requests.class);
  private static final int JOIN_VERSION = 9;
  private final GroupSystem system;

  Requests(GroupSystem system) {
    this.system = system;
  }

  void send(String type, JsonNode event, int seq, ArrayNode out) {
    switch (type) {
      case "join" -> join(event, seq);
      case "sync" -> sync(event, seq);
      case "heartbeat" -> out.add(heartbeat(event, seq));
      case "leave" -> out.add(leave(event, seq));
      case "commit" -> out.add(commit(event, seq));
      case "offset-fetch" -> out.add(offsetFetch(event, seq));
      case "describe-group" -> out.add(describe(event, seq));
      case "delete-groups" -> out.add(deleteGroups(event, seq));
      case "offset-delete" -> out.add(offsetDelete(event, seq));
      default -> throw new IllegalArgumentException("not a coordinator request: " + type);
    }
  }

  /** A static member's group.instance.id (GC-40), or null for a dynamic one. */
  private static String instanceId(JsonNode event) {
    return event.has("instanceId") ? event.get("instanceId").asText() : null;
  }

  private static String text(JsonNode event, String field) {
    return event.get(field).asText();
  }

  private String member(JsonNode event) {
    return system.memberId(text(event, "client"), text(event, "member"));
  }

  /** The service's exceptionally handler: an exception from the shard becomes the answer's error. */
  private static <T> T onError(String name, Object request, RuntimeException e, BiFunction<Errors, String, T> answer) {
    return CoordinatorOperationExceptionHelper.handleOperationException(name, request, e, answer, LOG);
  }

  private <T> T write(String name, Object request, Supplier<T> call, BiFunction<Errors, String, T> answer) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return onError(name, request, e, answer);
    }
  }

  private void join(JsonNode event, int seq) {
    String client = text(event, "client");
    JoinGroupRequestData.JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestData.JoinGroupRequestProtocolCollection();
    for (JsonNode protocol : event.get("protocols")) {
      List<String> topics = new ArrayList<>();
      protocol.get("topics").forEach(topic -> topics.add(topic.asText()));
      String name = text(protocol, "name");
      ClientMemory memory = system.memory(client);
      protocols.add(new JoinGroupRequestData.JoinGroupRequestProtocol()
          .setName(name).setMetadata(Codec.subscription(name, topics, memory.assignment, memory.assignedGeneration)));
    }
    JoinGroupRequestData request = new JoinGroupRequestData()
        .setGroupId(text(event, "group")).setMemberId(member(event)).setGroupInstanceId(instanceId(event))
        .setProtocolType("consumer").setProtocols(protocols)
        .setSessionTimeoutMs(event.get("sessionTimeoutMs").asInt())
        .setRebalanceTimeoutMs(event.get("rebalanceTimeoutMs").asInt());
    int version = event.has("version") ? event.get("version").asInt() : JOIN_VERSION;
    CompletableFuture<JoinGroupResponseData> future = new CompletableFuture<>();
    system.parked.add(new GroupSystem.Parked("join", client, request.groupId(), seq, future));
    if (request.groupId().isEmpty()) {
      future.complete(new JoinGroupResponseData().setMemberId(request.memberId()).setErrorCode(Errors.INVALID_GROUP_ID.code()));
      return;
    }
    if (request.sessionTimeoutMs() < system.settings.minSessionTimeoutMs()
        || request.sessionTimeoutMs() > system.settings.maxSessionTimeoutMs()) {
      future.complete(new JoinGroupResponseData().setMemberId(request.memberId()).setErrorCode(Errors.INVALID_SESSION_TIMEOUT.code()));
      return;
    }
    ClientContext context = new ClientContext(client, ClientContext.JOIN_GROUP, version);
    try {
      system.write(request.groupId(), shard -> shard.classicGroupJoin(context, request, future, true));
    } catch (RuntimeException e) {
      if (!future.isDone()) future.complete(onError("classic-group-join", request, e,
          (error, message) -> new JoinGroupResponseData().setErrorCode(error.code())));
    }
  }

  private void sync(JsonNode event, int seq) {
    String client = text(event, "client");
    List<SyncGroupRequestAssignment> assignments = new ArrayList<>();
    if (event.has("assignments")) {
      for (JsonNode entry : event.get("assignments")) {
        assignments.add(new SyncGroupRequestAssignment()
            .setMemberId(system.memory(text(entry, "client")).memberId)
            .setAssignment(Codec.assignment(entry.get("partitions"))));
      }
    } else if (system.memory(client).leaderOf != null) {
      assignments = LeaderPlan.plan(system.memory(client), system::partitionsOf);
    }
    // The one client sends SyncGroup v5 with protocol type "consumer" and the protocol name of its
    // last successful JoinGroup answer (null before it had one).
    SyncGroupRequestData request = new SyncGroupRequestData()
        .setGroupId(text(event, "group")).setGenerationId(event.get("generation").asInt())
        .setMemberId(member(event)).setGroupInstanceId(instanceId(event)).setAssignments(assignments)
        .setProtocolType("consumer").setProtocolName(system.memory(client).protocol);
    CompletableFuture<SyncGroupResponseData> future = new CompletableFuture<>();
    system.parked.add(new GroupSystem.Parked("sync", client, request.groupId(), seq, future));
    if (request.protocolName() == null) {
      // KafkaApis.handleSyncGroupRequest answers this before the coordinator service sees it
      // (SyncGroupRequest.areMandatoryProtocolTypeAndNamePresent); the shard alone never would.
      future.complete(new SyncGroupResponseData().setErrorCode(Errors.INCONSISTENT_GROUP_PROTOCOL.code()));
      return;
    }
    if (request.groupId().isEmpty()) {
      future.complete(new SyncGroupResponseData().setErrorCode(Errors.INVALID_GROUP_ID.code()));
      return;
    }
    ClientContext context = new ClientContext(client, ClientContext.SYNC_GROUP, 5);
    try {
      system.write(request.groupId(), shard -> shard.classicGroupSync(context, request, future));
    } catch (RuntimeException e) {
      if (!future.isDone()) future.complete(onError("classic-group-sync", request, e,
          (error, message) -> new SyncGroupResponseData().setErrorCode(error.code())));
    }
  }

  private ObjectNode heartbeat(JsonNode event, int seq) {
    String client = text(event, "client");
    HeartbeatRequestData request = new HeartbeatRequestData().setGroupId(text(event, "group"))
        .setGenerationId(event.get("generation").asInt()).setMemberId(member(event)).setGroupInstanceId(instanceId(event));
    Errors error;
    if (request.groupId().isEmpty()) {
      error = Errors.INVALID_GROUP_ID;
    } else {
      ClientContext context = new ClientContext(client, ClientContext.HEARTBEAT, 4);
      HeartbeatResponseData response = write("classic-group-heartbeat", request,
          () -> system.write(request.groupId(), shard -> shard.classicGroupHeartbeat(context, request)),
          (e, message) -> new HeartbeatResponseData().setErrorCode(
              e == Errors.COORDINATOR_LOAD_IN_PROGRESS ? Errors.NONE.code() : e.code()));
      error = Errors.forCode(response.errorCode());
    }
    return Answers.simple("heartbeat-response", seq, client, request.groupId(), error);
  }

  private ObjectNode leave(JsonNode event, int seq) {
    String client = text(event, "client");
    String memberId = member(event);
    // The Java consumer forgets its assignment when it leaves (resetGenerationOnLeaveGroup).
    if (text(event, "member").equals("own")) {
      system.memory(client).assignment = List.of();
      system.memory(client).assignedGeneration = -1;
    }
    LeaveGroupRequestData request = new LeaveGroupRequestData().setGroupId(text(event, "group"))
        .setMembers(List.of(new LeaveGroupRequestData.MemberIdentity().setMemberId(memberId).setGroupInstanceId(instanceId(event))));
    Errors error;
    if (request.groupId().isEmpty()) {
      error = Errors.INVALID_GROUP_ID;
    } else {
      ClientContext context = new ClientContext(client, ClientContext.LEAVE_GROUP, 5);
      LeaveGroupResponseData response = write("classic-group-leave", request,
          () -> system.write(request.groupId(), shard -> shard.classicGroupLeave(context, request)),
          (e, message) -> e == Errors.UNKNOWN_MEMBER_ID
              ? new LeaveGroupResponseData().setMembers(List.of(new LeaveGroupResponseData.MemberResponse()
                  .setMemberId(memberId).setErrorCode(Errors.UNKNOWN_MEMBER_ID.code())))
              : new LeaveGroupResponseData().setErrorCode(e.code()));
      // One member per request: its error is the answer, unless the whole request failed.
      error = Errors.forCode(response.errorCode());
      if (error == Errors.NONE && !response.members().isEmpty()) error = Errors.forCode(response.members().get(0).errorCode());
    }
    return Answers.simple("leave-response", seq, client, request.groupId(), error);
  }

  private ObjectNode commit(JsonNode event, int seq) {
    String client = text(event, "client");
    Map<String, OffsetCommitRequestData.OffsetCommitRequestTopic> byTopic = new LinkedHashMap<>();
    for (JsonNode offset : event.get("offsets")) {
      OffsetCommitRequestData.OffsetCommitRequestPartition partition = new OffsetCommitRequestData.OffsetCommitRequestPartition()
          .setPartitionIndex(offset.get("partition").asInt()).setCommittedOffset(offset.get("offset").asLong())
          .setCommittedLeaderEpoch(-1).setCommittedMetadata(offset.has("metadata") ? offset.get("metadata").asText() : "");
      byTopic.computeIfAbsent(text(offset, "topic"), t -> new OffsetCommitRequestData.OffsetCommitRequestTopic().setName(t))
          .partitions().add(partition);
    }
    OffsetCommitRequestData request = new OffsetCommitRequestData().setGroupId(text(event, "group"))
        .setGenerationIdOrMemberEpoch(event.get("generation").asInt()).setMemberId(member(event))
        .setGroupInstanceId(instanceId(event)).setTopics(new ArrayList<>(byTopic.values()));
    // GroupCoordinatorService.commitOffsets refuses only a null group id (an empty one reaches the shard).
    // OC-1: the version decides GROUP_ID_NOT_FOUND (v9+) or ILLEGAL_GENERATION for a missing group.
    int version = event.has("version") ? event.get("version").asInt() : 9;
    ClientContext context = new ClientContext(client, ClientContext.OFFSET_COMMIT, version);
    OffsetCommitResponseData response = write("commit-offset", request,
        () -> system.write(request.groupId(), shard -> shard.commitOffset(context, request)),
        (e, message) -> OffsetCommitRequest.getErrorResponse(request, e));
    return Answers.commit(event, seq, client, response);
  }

  private ObjectNode offsetFetch(JsonNode event, int seq) {
    String client = text(event, "client");
    OffsetFetchRequestGroup request = new OffsetFetchRequestGroup().setGroupId(text(event, "group")).setTopics(null);
    if (event.has("partitions")) {
      Map<String, OffsetFetchRequestTopics> byTopic = new LinkedHashMap<>();
      for (JsonNode tp : event.get("partitions")) {
        byTopic.computeIfAbsent(text(tp, "topic"), t -> new OffsetFetchRequestTopics().setName(t))
            .partitionIndexes().add(tp.get("partition").asInt());
      }
      request.setTopics(new ArrayList<>(byTopic.values()));
    }
    // GroupCoordinatorService.fetchOffsets refuses only a null group id (an empty one reaches the shard).
    OffsetFetchResponseData.OffsetFetchResponseGroup response = write("fetch-offsets", request,
        () -> {
          ShardHost host = system.host(request.groupId());
          return host.shard.fetchOffsets(request, host.committedOffset());
        },
        (e, message) -> new OffsetFetchResponseData.OffsetFetchResponseGroup().setErrorCode(e.code()));
    return Answers.offsetFetch(event, seq, client, response);
  }

  /** The group states a describe-response may name (spec/observations.ts). */
  private static final List<String> DESCRIBED_STATES =
      List.of("Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead");

  private ObjectNode describe(JsonNode event, int seq) {
    String group = text(event, "group");
    // GroupCoordinatorService.describeGroups refuses only a null group id: "" is described like any group.
    ClientContext context = new ClientContext("kspec-admin", ClientContext.DESCRIBE_GROUPS, 5);
    DescribedGroup described;
    try {
      ShardHost host = system.host(group);
      described = host.shard.describeGroups(context, List.of(group), host.committedOffset()).get(0);
    } catch (RuntimeException e) {
      described = onError("describe-groups", group, e,
          (error, message) -> new DescribedGroup().setGroupId(group).setErrorCode(error.code()));
    }
    // An error answer carries no state (DescribeGroupsResponse.UNKNOWN_STATE, ""): the contract's
    // client reads a state it does not know as Dead (properties/client/group-requests.ts).
    String state = DESCRIBED_STATES.contains(described.groupState()) ? described.groupState() : "Dead";
    ObjectNode answer = Codec.JSON.objectNode();
    answer.put("type", "describe-response").put("request", seq).put("group", group)
        .put("error", Errors.forCode(described.errorCode()).name()).put("state", state)
        .put("protocol", described.protocolData() == null ? "" : described.protocolData());
    ArrayNode members = answer.putArray("members");
    for (DescribedGroupMember member : described.members()) {
      String owner = system.clientOf(member.memberId(), system.classicGroup(group));
      members.addObject().put("client", owner == null ? member.clientId() : owner).put("memberId", member.memberId())
          .set("assignment", Codec.assignmentJson(member.memberAssignment()));
    }
    return answer;
  }

  /**
   * DeleteGroups (GC-38): the distinct ids (KafkaApis.handleDeleteGroupsRequest), each through
   * GroupCoordinatorShard.deleteGroups on its own shard with the service's error mapping; one
   * result per id, in the request's order (the contract's).
   */
  private ObjectNode deleteGroups(JsonNode event, int seq) {
    String client = text(event, "client");
    ClientContext context = new ClientContext(client, ClientContext.DELETE_GROUPS, 2);
    LinkedHashSet<String> groups = new LinkedHashSet<>();
    event.get("groups").forEach(group -> groups.add(group.asText()));
    ObjectNode answer = Codec.JSON.objectNode();
    answer.put("type", "delete-groups-response").put("request", seq).put("client", client);
    ArrayNode results = answer.putArray("results");
    for (String group : groups) {
      DeletableGroupResultCollection result = write("delete-groups", group,
          () -> system.write(group, shard -> shard.deleteGroups(context, List.of(group))),
          (e, message) -> {
            DeletableGroupResultCollection failed = new DeletableGroupResultCollection();
            failed.add(new DeletableGroupResult().setGroupId(group).setErrorCode(e.code()));
            return failed;
          });
      DeletableGroupResult own = result.find(group);
      results.addObject().put("group", group)
          .put("error", Errors.forCode(own == null ? Errors.UNKNOWN_SERVER_ERROR.code() : own.errorCode()).name());
    }
    return answer;
  }

  /**
   * OffsetDelete (OC-20, OC-21) as KafkaApis.handleOffsetDeleteRequest sends it: partitions the
   * metadata does not have are answered UNKNOWN_TOPIC_OR_PARTITION, the rest go to
   * GroupCoordinatorShard.deleteOffsets (an empty group id is refused first, as the service does),
   * and Kafka's OffsetDeleteResponse.Builder merges the two; the answer lists the request's
   * partitions in its order.
   */
  private ObjectNode offsetDelete(JsonNode event, int seq) {
    String client = text(event, "client");
    String group = text(event, "group");
    ClientContext context = new ClientContext(client, ClientContext.OFFSET_DELETE, 0);
    OffsetDeleteResponse.Builder builder = new OffsetDeleteResponse.Builder();
    OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection known = new OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection();
    for (JsonNode topic : event.get("topics")) {
      String name = text(topic, "topic");
      Integer partitions = system.topics.get(name);
      OffsetDeleteRequestData.OffsetDeleteRequestTopic valid = new OffsetDeleteRequestData.OffsetDeleteRequestTopic().setName(name);
      for (JsonNode partition : topic.get("partitions")) {
        int index = partition.asInt();
        if (partitions != null && index < partitions)
          valid.partitions().add(new OffsetDeleteRequestData.OffsetDeleteRequestPartition().setPartitionIndex(index));
        else builder.addPartition(name, index, Errors.UNKNOWN_TOPIC_OR_PARTITION);
      }
      if (!valid.partitions().isEmpty()) known.add(valid);
    }
    OffsetDeleteRequestData request = new OffsetDeleteRequestData().setGroupId(group).setTopics(known);
    OffsetDeleteResponseData coordinator = group.isEmpty()
        ? new OffsetDeleteResponseData().setErrorCode(Errors.INVALID_GROUP_ID.code())
        : write("delete-offsets", request, () -> system.write(group, shard -> shard.deleteOffsets(context, request)),
            (e, message) -> new OffsetDeleteResponseData().setErrorCode(e.code()));
    OffsetDeleteResponseData merged = builder.merge(coordinator).build().data();
    Errors top = Errors.forCode(merged.errorCode());
    ObjectNode answer = Codec.JSON.objectNode();
    answer.put("type", "offset-delete-response").put("request", seq).put("client", client).put("group", group)
        .put("error", top.name());
    ArrayNode partitions = answer.putArray("partitions");
    if (top != Errors.NONE) return answer;
    for (JsonNode topic : event.get("topics")) {
      String name = text(topic, "topic");
      OffsetDeleteResponseData.OffsetDeleteResponseTopic answered = merged.topics().find(name);
      for (JsonNode partition : topic.get("partitions")) {
        int index = partition.asInt();
        OffsetDeleteResponseData.OffsetDeleteResponsePartition p = answered == null ? null : answered.partitions().find(index);
        partitions.addObject().put("topic", name).put("partition", index)
            .put("error", p == null ? Errors.UNKNOWN_SERVER_ERROR.name() : Errors.forCode(p.errorCode()).name());
      }
    }
    return answer;
  }
}
