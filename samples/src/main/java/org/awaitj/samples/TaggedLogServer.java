package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.awaitj.AsyncIO;
import org.awaitj.ContextVar;
import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
import org.awaitj.io.Connection;
import org.awaitj.io.Server;
import org.awaitj.io.StreamReader;
import org.awaitj.io.StreamWriter;

/**
 * A line server whose every log line names the connection it is about, without passing the connection's id
 * around: the id is a {@link ContextVar} set once by the connection's handler. Each connection is served by a
 * task of its own, so each sees its own id, at any depth of its await chain, across every await, and in the
 * tasks it creates; the other connections never see it. (With {@code awaitj-slf4j} on the class path the same
 * works for SLF4J's MDC and a {@code %X{connection}} pattern.)
 *
 * <pre>{@code java -javaagent:awaitj-agent.jar -cp ... org.awaitj.samples.TaggedLogServer [port]}</pre>
 * Without a port it serves on a free one, runs three clients against itself, and ends.
 */
public class TaggedLogServer {
    static final ContextVar<String> CONNECTION = new ContextVar<>("connection", "server");

    private static int connections;

    /** One log line, tagged with the connection whose task logs it. */
    static void log(String message) {
        System.out.println("[" + CONNECTION.get() + "] " + message);
    }

    @Async
    static Coroutine<Void> handle(StreamReader reader, StreamWriter writer) throws IOException {
        CONNECTION.set("conn-" + (++connections));
        log("connected");
        try {
            while (true) {
                byte[] line = await(reader.readLine());
                if (line.length == 0) {
                    break;
                }
                String reply = await(process(new String(line, StandardCharsets.UTF_8).strip()));
                writer.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
                await(writer.drain());
            }
        } finally {
            log("closed");
            writer.close();
        }
        return result();
    }

    /** Deep in the handler's chain, and in a task of its own: no id is passed, yet every line has it. */
    @Async
    static Coroutine<String> process(String text) {
        log("received '" + text + "'");
        await(sleep(0.01));
        Task<Void> audit = createTask(audit(text));
        await(audit);
        return result(text.toUpperCase(Locale.ROOT));
    }

    @Async
    static Coroutine<Void> audit(String text) {
        log("audited '" + text + "'");
        return result();
    }

    @Async
    static Coroutine<Server> start(String host, int port) throws IOException {
        Server server = await(startServer((reader, writer) -> handle(reader, writer), host, port));
        log("serving on " + server.address());
        return result(server);
    }

    /** A client that sends its lines one by one, pausing between them, so that the connections interleave. */
    @Async
    static Coroutine<List<String>> client(int port, String name, int lines, double pause) throws IOException {
        List<String> replies = new ArrayList<>();
        try (Connection connection = await(openConnection("127.0.0.1", port))) {
            for (int i = 1; i <= lines; i++) {
                connection.writer().write((name + " line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                await(connection.writer().drain());
                replies.add(new String(await(connection.reader().readLine()), StandardCharsets.UTF_8).strip());
                await(sleep(pause));
            }
        }
        return result(replies);
    }

    /** The server on a free port and three concurrent clients; ends once every connection is closed. */
    @Async
    static Coroutine<Void> demo() throws IOException {
        Server server = await(start("127.0.0.1", 0));
        await(gather(client(server.port(), "alice", 3, 0.03), client(server.port(), "bob", 3, 0.02),
                client(server.port(), "carol", 2, 0.05)));
        await(sleep(0.1));      // the handlers see their clients' EOF and log it
        server.close();
        await(server.waitClosed());
        return result();
    }

    @Async
    static Coroutine<Void> serve(int port) throws IOException {
        Server server = await(start("127.0.0.1", port));
        await(server.serveForever());
        return result();
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0) {
            AsyncIO.run(serve(Integer.parseInt(args[0])));
        } else {
            AsyncIO.run(demo());
        }
    }
}
