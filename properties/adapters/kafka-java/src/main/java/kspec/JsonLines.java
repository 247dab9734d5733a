package kspec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The JSON-lines loop the one-shot Kafka programs (the assignor oracle, the message encoder) share:
 * one answer line per non-blank input line, in order, on a stdout nothing else writes to.
 */
public final class JsonLines {
    private JsonLines() {}

    public static void serve(Function<String, ObjectNode> answer) throws IOException {
        Writer out = new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
        // Anything Kafka or the JVM might print goes to stderr, so stdout stays pure JSON lines.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) continue;
            out.write(answer.apply(line).toString());
            out.write('\n');
            // Flush when the input is drained: batches of requests get batched answers.
            if (!in.ready()) out.flush();
        }
        out.flush();
    }
}
