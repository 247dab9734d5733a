package kspec.assignors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * kspec's oracle for the client assignors: one JSON problem per stdin line, one JSON answer per
 * stdout line, in order. An answer is {"id", "plan": {member: [{topic, partition}]}}, or
 * {"id", "thrown": "..."} when Kafka's assignor threw, or {"id"?, "error": "..."} for a line that is
 * not a valid problem. The id is echoed as given. Nothing else is written to stdout.
 */
public final class AssignorOracle {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AssignorOracle() {}

    public static void main(String[] args) throws IOException {
        Writer out = new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
        // Anything Kafka or the JVM might print goes to stderr, so stdout stays pure JSON lines.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) continue;
            out.write(answer(line).toString());
            out.write('\n');
            // Flush when the input is drained: batches of problems get batched answers.
            if (!in.ready()) out.flush();
        }
        out.flush();
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
            answer.set("plan", plan(KafkaAssignors.assign(problem)));
        } catch (RuntimeException | StackOverflowError e) {
            answer.put("thrown", e.getClass().getSimpleName() + ": " + firstLine(String.valueOf(e.getMessage())));
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
