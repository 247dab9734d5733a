package kspec.assignors;

import kspec.JsonLines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.TopicPartition;

/**
 * kspec's oracle for the client assignors: one JSON problem per stdin line, one JSON answer per
 * stdout line, in order. An answer is {"id", "plan": {member: [{topic, partition}]}}, or
 * {"id", "thrown": "..."} when Kafka's assignor threw, {"id", "livelock": "..."} when it gave no answer
 * within the deadline (it loops forever on some inputs, SPEC.md AS-14), or {"id"?, "error": "..."}
 * for a line that is not a valid problem. The id is echoed as given. Nothing else is written to
 * stdout. The deadline is -Dkspec.assignor.deadlineMs (default 10 s, far above any answer's time).
 */
public final class AssignorOracle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEADLINE_MS = Long.getLong("kspec.assignor.deadlineMs", 10_000L);
    private static final WorkerThread WORKER = new WorkerThread();

    private AssignorOracle() {}

    public static void main(String[] args) throws IOException {
        JsonLines.serve(AssignorOracle::answer);
    }

    static ObjectNode answer(String line) {
        ObjectNode answer = JSON.createObjectNode();
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (IOException e) {
            return answer.put("error", "not JSON: " + firstLine(e.getMessage()));
        }
        if (root != null && root.has("id")) answer.set("id", root.get("id"));
        Problem problem;
        try {
            problem = Problem.read(root);
        } catch (Problem.Malformed e) {
            return answer.put("error", e.getMessage());
        }
        try {
            answer.set("plan", plan(WORKER.call(() -> KafkaAssignors.assign(problem), DEADLINE_MS)));
        } catch (WorkerThread.Failure failure) {
            Throwable e = failure.getCause();
            if (!(e instanceof RuntimeException || e instanceof StackOverflowError)) throw new IllegalStateException(e);
            answer.put("thrown", e.getClass().getSimpleName() + ": " + firstLine(String.valueOf(e.getMessage())));
        } catch (TimeoutException e) {
            answer.put("livelock", "no answer within " + DEADLINE_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return answer;
    }

    private static ObjectNode plan(Map<String, List<TopicPartition>> assignment) {
        ObjectNode plan = JSON.createObjectNode();
        assignment.forEach((memberId, partitions) -> {
            ArrayNode list = plan.putArray(memberId);
            for (TopicPartition partition : partitions)
                list.addObject().put("topic", partition.topic()).put("partition", partition.partition());
        });
        return plan;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
