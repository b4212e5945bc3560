package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.queue.Queue;
import org.awaitj.queue.QueueFullException;
import org.awaitj.queue.QueueShutDownException;
import org.awaitj.io.Server;
import org.awaitj.io.StreamReader;
import org.awaitj.io.StreamWriter;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

/**
 * A line-based chat server: each client picks a name, then every line it sends goes to every other client.
 * {@code /who} lists who is online, {@code /quit} leaves. Runs until killed; try it with a few
 * {@code nc 127.0.0.1 8889}.
 *
 * <p>Each client has an outbox (a bounded {@link Queue}) and a task that writes it out with back-pressure,
 * so one slow client never holds up the others: when its outbox overflows, it is dropped.
 *
 * <pre>{@code java -javaagent:awaitj-agent.jar -cp ... org.awaitj.samples.ChatServer [port]}</pre>
 */
public class ChatServer {
    /** Messages a client may fall behind by before it is dropped. */
    static final int OUTBOX = 100;

    private final Map<String, Queue<String>> outboxes = new LinkedHashMap<>();
    private int guests;

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8).strip();
    }

    /** Sends to everyone but {@code except}; a client that cannot keep up is dropped. */
    private void broadcast(String message, String except) {
        for (Map.Entry<String, Queue<String>> e : outboxes.entrySet()) {
            if (!e.getKey().equals(except)) {
                try {
                    e.getValue().putNowait(message);
                } catch (QueueFullException full) {
                    System.out.println(e.getKey() + " is too slow: dropped");
                    e.getValue().shutdown(true);    // its writer task stops and closes the connection
                }
            }
        }
    }

    /** Writes a client's outbox to its socket until the outbox is shut down. */
    @Async
    static Coroutine<Void> deliver(Queue<String> outbox, StreamWriter writer) {
        try {
            while (true) {
                writer.write(line(await(outbox.get())));
                await(writer.drain());
            }
        } catch (QueueShutDownException | IOException e) {
            // the client left, was dropped, or its connection broke
        } finally {
            writer.close();
        }
        return result();
    }

    @Async
    Coroutine<Void> handleClient(StreamReader reader, StreamWriter writer) throws IOException {
        writer.write(line("Welcome! Your name?"));
        String name = text(await(reader.readLine()));
        if (name.isEmpty() || name.startsWith("/") || outboxes.containsKey(name)) {
            name = "guest-" + (++guests);
        }
        Queue<String> outbox = new Queue<>(OUTBOX);
        outbox.putNowait("Hello " + name + "! /who lists who is here, /quit leaves.");
        Task<Void> delivering = createTask(deliver(outbox, writer));
        broadcast("* " + name + " joined", null);
        outboxes.put(name, outbox);
        System.out.println(name + " joined from " + writer.remoteAddress());
        try {
            while (true) {
                byte[] data = await(reader.readLine());
                String message = text(data);
                if (data.length == 0 || message.equals("/quit")) {
                    break;
                }
                if (message.equals("/who")) {
                    outbox.putNowait("* online: " + String.join(", ", outboxes.keySet()));
                } else if (!message.isEmpty()) {
                    broadcast(name + ": " + message, name);
                }
            }
        } finally {
            outboxes.remove(name);
            if (!outbox.full()) {
                try {
                    outbox.putNowait("Bye " + name + "!");
                } catch (QueueShutDownException dropped) {
                    // a slow client dropped by broadcast: nothing more goes to it
                }
            }
            outbox.shutdown();          // what is queued is still delivered, then the writer task ends
            broadcast("* " + name + " left", null);
            System.out.println(name + " left");
        }
        await(delivering);
        return result();
    }

    /** Starts listening on {@code host:port} (0 picks a free port). */
    @Async
    Coroutine<Server> start(String host, int port) throws IOException {
        Server server = await(startServer((reader, writer) -> handleClient(reader, writer), host, port));
        System.out.println("Chat server on " + server.address());
        return result(server);
    }

    @Async
    static Coroutine<Void> main(int port) throws IOException {
        Server server = await(new ChatServer().start("127.0.0.1", port));
        await(server.serveForever());
        return result();
    }

    public static void main(String[] args) throws IOException {
        AsyncIO.run(main(args.length > 0 ? Integer.parseInt(args[0]) : 8889));
    }
}
