package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

import org.awaitj.Coroutine;
import org.awaitj.LoopGroup;
import org.awaitj.annotations.Async;
import org.awaitj.io.Connection;
import org.awaitj.io.Server;
import org.awaitj.io.StreamReader;
import org.awaitj.io.StreamWriter;

/**
 * One echo server on every core: a {@link LoopGroup} serves one address from each of its loops, each connection
 * living on one loop for its whole life. Twenty clients, run as a coroutine of the group, each send a line and
 * read it back; the server notes which loop thread served each connection. About 0.2 seconds.
 */
public class EchoOnEveryCore {
    /** The loop threads that served a connection. */
    static final Set<String> SERVING_THREADS = new ConcurrentSkipListSet<>();

    @Async
    static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) throws IOException {
        SERVING_THREADS.add(Thread.currentThread().getName());
        try {
            for (byte[] line = await(reader.readLine()); line.length > 0; line = await(reader.readLine())) {
                writer.write(line);
                await(writer.drain());
            }
        } finally {
            writer.close();
        }
        return result();
    }

    @Async
    static Coroutine<String> client(int port, int i) throws IOException {
        Connection c = await(openConnection("127.0.0.1", port));
        c.writer().write(("hello " + i + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] back = await(c.reader().readLine());
        c.writer().close();
        await(c.writer().waitClosed());
        return result(new String(back, StandardCharsets.UTF_8).strip());
    }

    @Async
    static Coroutine<List<String>> clients(int port, int n) throws IOException {
        List<Coroutine<String>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(client(port, i));
        }
        return result(await(gather(all)));
    }

    public static void main(String[] args) throws Exception {
        SERVING_THREADS.clear();
        try (LoopGroup group = new LoopGroup(2)) {
            Server server = group.startServer((r, w) -> echo(r, w), "127.0.0.1", 0);
            System.out.println("Serving on " + server);
            List<String> echoed = group.submit(clients(server.port(), 20)).get();
            System.out.println(echoed.size() + " clients got their line back, the first: " + echoed.get(0));
            System.out.println("Served by " + SERVING_THREADS.size() + " of the group's " + group.size() + " loop threads");
            server.close();
        }
    }
}
