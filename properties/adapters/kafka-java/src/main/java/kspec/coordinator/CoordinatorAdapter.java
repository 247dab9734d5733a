package kspec.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Kafka 4.4's classic group coordinator (GroupCoordinatorShard from kafka-group-coordinator)
 * speaking kspec's stdio adapter protocol (spec/ADAPTERS.md): one JSON request per line on stdin,
 * one JSON response per line on stdout, nothing else on stdout (anything Kafka prints goes to
 * stderr). A malformed or unknown request gets an error response; the process stays up.
 */
public final class CoordinatorAdapter {
  static final int CONTRACT_VERSION = 1;
  /** Every event type of the contract (spec/events.ts): the ones not in GroupSystem.EVENTS are unsupported. */
  static final Set<String> CONTRACT_EVENTS = Set.of("join", "sync", "heartbeat", "leave", "consumer-crash",
      "describe-group", "commit", "offset-fetch", "delete-groups", "offset-delete", "poll", "process", "consumer-commit", "fetch", "produce",
      "create-topic", "partition-change", "broker-failure", "broker-restart", "network-partition",
      "network-heal", "replicate", "flush", "advance-time", "list-offsets", "describe-configs");

  private static final ObjectMapper JSON = new ObjectMapper();
  private GroupSystem system;

  public static void main(String[] args) throws IOException {
    PrintStream protocolOut = System.out;
    System.setOut(System.err); // whatever else prints must not reach the protocol stream
    SeededUuids.install();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(protocolOut, StandardCharsets.UTF_8), false);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    new CoordinatorAdapter().serve(in, out);
  }

  void serve(BufferedReader in, PrintWriter out) throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) continue;
      ObjectNode response = handle(line);
      out.println(response.toString());
      out.flush();
      if (closed) break;
    }
  }

  private boolean closed = false;

  ObjectNode handle(String line) {
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    JsonNode request;
    try {
      request = JSON.readTree(line);
    } catch (IOException e) {
      return error(response, -1, "request is not JSON: " + line.substring(0, Math.min(200, line.length())));
    }
    if (request == null || !request.isObject() || !request.path("id").isNumber()) {
      return error(response, -1, "request must be a JSON object with a numeric id");
    }
    long id = request.get("id").asLong();
    try {
      response.put("id", id);
      response.set("result", answer(request.path("method").asText(""), request.path("params")));
      return response;
    } catch (RuntimeException e) {
      response.remove("result");
      return error(response, id, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private static ObjectNode error(ObjectNode response, long id, String message) {
    response.put("id", id);
    response.putObject("error").put("message", message);
    return response;
  }

  private JsonNode answer(String method, JsonNode params) {
    switch (method) {
      case "capabilities":
        return capabilities();
      case "reset":
        if (!params.isObject() || !params.path("seed").isNumber()) throw new IllegalArgumentException("reset needs {seed, config}");
        SeededUuids.reseed(params.get("seed").asLong());
        system = new GroupSystem(Settings.from(params.path("config")), params.get("seed").asLong());
        return JsonNodeFactory.instance.nullNode();
      case "apply":
        return apply(params);
      case "inspect":
        return running().snapshot();
      case "close":
        closed = true;
        return JsonNodeFactory.instance.nullNode();
      default:
        throw new IllegalArgumentException("unknown method " + JSON.valueToTree(method));
    }
  }

  private GroupSystem running() {
    if (system == null) throw new IllegalStateException("reset first: no run has started");
    return system;
  }

  private JsonNode apply(JsonNode params) {
    JsonNode event = params.path("event");
    if (!params.path("seq").isIntegralNumber() || !event.isObject() || !event.path("type").isTextual()) {
      throw new IllegalArgumentException("apply needs {seq, event: {type, ...}}");
    }
    int seq = params.get("seq").asInt();
    String type = event.get("type").asText();
    if (!CONTRACT_EVENTS.contains(type)) throw new IllegalArgumentException("unknown event type " + JSON.valueToTree(type));
    GroupSystem running = running();
    if (!GroupSystem.EVENTS.contains(type)) {
      ArrayNode answers = JsonNodeFactory.instance.arrayNode();
      answers.addObject().put("type", "unsupported").put("request", seq).put("event", type)
          .put("reason", "Kafka's group coordinator alone: groups, offsets and time only");
      return answers;
    }
    // Topics are this harness's own bookkeeping: with no controller it cannot judge a topic's config.
    if (type.equals("create-topic") && event.path("config").size() > 0) {
      ArrayNode answers = JsonNodeFactory.instance.arrayNode();
      answers.addObject().put("type", "unsupported").put("request", seq).put("event", type)
          .put("reason", "Kafka's group coordinator alone: no controller to judge a topic config");
      return answers;
    }
    try {
      return running.apply(event, seq);
    } catch (NullPointerException e) {
      throw new IllegalArgumentException("event " + type + " is missing a field", e);
    }
  }

  private static ObjectNode capabilities() {
    ObjectNode caps = JsonNodeFactory.instance.objectNode();
    caps.put("contractVersion", CONTRACT_VERSION);
    caps.put("name", "Kafka 4.4.0 classic group coordinator");
    ArrayNode events = caps.putArray("events");
    GroupSystem.EVENTS.stream().sorted().forEach(events::add);
    caps.put("inspect", true);
    caps.put("deterministic", true);
    return caps;
  }
}
