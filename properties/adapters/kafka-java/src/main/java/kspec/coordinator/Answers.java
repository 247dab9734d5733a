package kspec.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.coordinator.group.classic.ClassicGroup;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * Kafka's responses as contract observations, naming clients instead of member ids, and what each
 * answer teaches its client (model/group/group-model-system.ts observe).
 */
final class Answers {
  private final GroupSystem system;

  Answers(GroupSystem system) {
    this.system = system;
  }

  static ObjectNode simple(String type, int seq, String client, String group, Errors error) {
    ObjectNode answer = Codec.JSON.objectNode();
    answer.put("type", type).put("request", seq).put("client", client).put("group", group).put("error", error.name());
    return answer;
  }

  static ObjectNode commit(JsonNode event, int seq, String client, OffsetCommitResponseData response) {
    ObjectNode answer = Codec.JSON.objectNode();
    answer.put("type", "commit-response").put("request", seq).put("client", client)
        .put("group", event.get("group").asText()).put("source", "request")
        .put("generation", event.get("generation").asInt());
    Map<String, List<Short>> errors = new HashMap<>();
    for (OffsetCommitResponseData.OffsetCommitResponseTopic topic : response.topics()) {
      for (OffsetCommitResponseData.OffsetCommitResponsePartition p : topic.partitions()) {
        errors.computeIfAbsent(topic.name() + "\0" + p.partitionIndex(), k -> new ArrayList<>()).add(p.errorCode());
      }
    }
    ArrayNode partitions = answer.putArray("partitions");
    for (JsonNode offset : event.get("offsets")) {
      List<Short> codes = errors.get(offset.get("topic").asText() + "\0" + offset.get("partition").asInt());
      short code = codes == null || codes.isEmpty() ? Errors.UNKNOWN_SERVER_ERROR.code() : codes.remove(0);
      partitions.addObject().put("topic", offset.get("topic").asText()).put("partition", offset.get("partition").asInt())
          .put("offset", offset.get("offset").asLong()).put("error", Errors.forCode(code).name());
    }
    return answer;
  }

  static ObjectNode offsetFetch(JsonNode event, int seq, String client, OffsetFetchResponseData.OffsetFetchResponseGroup response) {
    ObjectNode answer = simple("offset-fetch-response", seq, client, event.get("group").asText(), Errors.forCode(response.errorCode()));
    ArrayNode offsets = answer.putArray("offsets");
    if (response.errorCode() != Errors.NONE.code()) return answer;
    for (OffsetFetchResponseData.OffsetFetchResponseTopics topic : response.topics()) {
      for (OffsetFetchResponseData.OffsetFetchResponsePartitions p : topic.partitions()) {
        offsets.addObject().put("topic", topic.name()).put("partition", p.partitionIndex())
            .put("offset", p.committedOffset()).put("metadata", p.metadata() == null ? "" : p.metadata())
            .put("error", Errors.forCode(p.errorCode()).name());
      }
    }
    return answer;
  }

  /** Answers every parked request whose future completed; a crashed client's earlier ones reach nobody. */
  void released(ArrayNode out) {
    List<GroupSystem.Parked> done = new ArrayList<>();
    for (Iterator<GroupSystem.Parked> it = system.parked.iterator(); it.hasNext(); ) {
      GroupSystem.Parked parked = it.next();
      if (parked.future().isDone()) {
        done.add(parked);
        it.remove();
      }
    }
    // Ids first: a leader's member list may name a member whose own answer comes in the same event.
    for (GroupSystem.Parked parked : done) {
      if (parked.type().equals("join")) {
        String memberId = ((JoinGroupResponseData) parked.future().join()).memberId();
        if (memberId != null && !memberId.isEmpty()) system.issued.put(memberId, parked.client());
      }
    }
    for (GroupSystem.Parked parked : done) {
      boolean gone = parked.request() < system.crashedAt.getOrDefault(parked.client(), -1);
      if (gone) continue;
      out.add(parked.type().equals("join")
          ? join(parked, (JoinGroupResponseData) parked.future().join())
          : sync(parked, (SyncGroupResponseData) parked.future().join()));
    }
  }

  private ObjectNode join(GroupSystem.Parked parked, JoinGroupResponseData response) {
    ClassicGroup group = system.classicGroup(parked.group());
    Errors error = Errors.forCode(response.errorCode());
    ObjectNode answer = simple("join-response", parked.request(), parked.client(), parked.group(), error);
    String protocol = response.protocolName() == null || response.protocolName().isEmpty() ? null : response.protocolName();
    answer.put("memberId", response.memberId() == null ? "" : response.memberId())
        .put("generation", Math.max(-1, response.generationId())).put("protocol", protocol)
        .put("leader", system.clientOf(response.leader(), group));
    ArrayNode members = answer.putArray("members");
    List<ClientMemory.JoinedMember> joined = new ArrayList<>();
    for (JoinGroupResponseData.JoinGroupResponseMember member : response.members()) {
      List<String> topics = Codec.subscribedTopics(member.metadata());
      String client = system.clientOf(member.memberId(), group);
      ObjectNode m = members.addObject().put("client", client).put("memberId", member.memberId());
      ArrayNode topicList = m.putArray("topics");
      topics.forEach(topicList::add);
      if (member.groupInstanceId() != null) m.put("instanceId", member.groupInstanceId());
      joined.add(new ClientMemory.JoinedMember(
          member.memberId(), topics, member.groupInstanceId(), Codec.decodedSubscription(member.metadata())));
    }
    ClientMemory memory = system.memory(parked.client());
    if (error == Errors.NONE) {
      memory.memberId = response.memberId();
      memory.generation = response.generationId();
      memory.protocol = protocol;
      memory.leaderOf = joined.isEmpty() ? null : joined;
    } else if (error == Errors.MEMBER_ID_REQUIRED) {
      memory.memberId = response.memberId();
    } else if (error == Errors.UNKNOWN_MEMBER_ID) {
      // The member id stays (`own` is the last id given); what the membership carried is gone.
      memory.generation = -1;
      memory.leaderOf = null;
    }
    return answer;
  }

  private ObjectNode sync(GroupSystem.Parked parked, SyncGroupResponseData response) {
    Errors error = Errors.forCode(response.errorCode());
    ObjectNode answer = simple("sync-response", parked.request(), parked.client(), parked.group(), error);
    answer.set("assignment", Codec.assignmentJson(response.assignment()));
    // What a sticky assignor's next subscription carries, with the generation the SyncGroup named:
    // the group's, since it answered NONE.
    if (error == Errors.NONE) {
      ClientMemory memory = system.memory(parked.client());
      memory.assignment = Codec.sorted(Codec.assignedPartitions(response.assignment()));
      ClassicGroup group = system.classicGroup(parked.group());
      memory.assignedGeneration = group == null ? -1 : group.generationId();
    }
    return answer;
  }
}
