package kspec.coordinator;

import java.util.List;

/**
 * What a client learned from its answers, as the group model's adapter keeps it
 * (model/group/contract-requests.ts ClientMemory): its member id, generation, selected protocol and,
 * when it led, the members of its last JoinGroup answer with their subscriptions.
 */
final class ClientMemory {
  /** One member of a leader's JoinGroup answer; instanceId null for a dynamic member. */
  record JoinedMember(String memberId, List<String> topics, String instanceId) {}

  String memberId = "";
  int generation = -1;
  String protocol = null;
  List<JoinedMember> leaderOf = null;
}
