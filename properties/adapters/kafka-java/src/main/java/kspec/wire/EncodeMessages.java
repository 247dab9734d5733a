package kspec.wire;

import kspec.JsonLines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/**
 * Kafka 4.4's own serialisation of protocol messages, as an independent encoder for kspec's codec
 * tests. One JSON line per message on stdin: {"api": "JoinGroup", "kind": "request" | "response",
 * "version": 9, "json": {...}}, where "json" is the message in the form of Kafka's generated
 * JsonConverter (field names as in the message JSON, bytes as base64). One JSON line per message
 * on stdout, in order: {"hex": "..."} (the body as Kafka writes it at that version, no header), or
 * {"error": "..."} when Kafka refuses the message.
 */
public final class EncodeMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EncodeMessages() {}

    public static void main(String[] args) throws IOException {
        JsonLines.serve(EncodeMessages::answer);
    }

    static ObjectNode answer(String line) {
        ObjectNode answer = JSON.createObjectNode();
        try {
            JsonNode root = JSON.readTree(line);
            String kind = root.get("kind").asText();
            String data = "org.apache.kafka.common.message." + root.get("api").asText()
                + ("request".equals(kind) ? "Request" : "Response") + "Data";
            short version = (short) root.get("version").asInt();
            Method read = Class.forName(data + "JsonConverter").getMethod("read", JsonNode.class, short.class);
            Message message = (Message) read.invoke(null, root.get("json"), version);
            ObjectSerializationCache cache = new ObjectSerializationCache();
            ByteBuffer buffer = ByteBuffer.allocate(message.size(cache, version));
            message.write(new ByteBufferAccessor(buffer), cache, version);
            return answer.put("hex", HexFormat.of().formatHex(buffer.array()));
        } catch (InvocationTargetException e) {
            return answer.put("error", String.valueOf(e.getCause()));
        } catch (Exception e) {
            return answer.put("error", String.valueOf(e));
        }
    }
}
