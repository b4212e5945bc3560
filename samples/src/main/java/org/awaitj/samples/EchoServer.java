package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.io.Server;
import org.awaitj.io.StreamReader;
import org.awaitj.io.StreamWriter;
import org.awaitj.annotations.Async;

/**
 * The asyncio documentation's "TCP echo server using streams": each connection is served by its own task,
 * which echoes every line back until the client closes. Runs until killed; try it with {@link EchoClient}
 * or {@code nc 127.0.0.1 8888}.
 *
 * <pre>{@code java -javaagent:awaitj-agent.jar -cp ... org.awaitj.samples.EchoServer [port]}</pre>
 */
public class EchoServer {

    @Async
    static Coroutine<Void> handleEcho(StreamReader reader, StreamWriter writer) throws IOException {
        try {
            while (true) {
                byte[] data = await(reader.readLine());
                if (data.length == 0) {
                    break;      // the client closed the connection
                }
                String message = new String(data, StandardCharsets.UTF_8).strip();
                System.out.println("Received '" + message + "' from " + writer.remoteAddress());
                writer.write(data);
                await(writer.drain());
            }
        } finally {
            System.out.println("Close the connection");
            writer.close();
        }
        return result();
    }

    /** Starts listening on {@code host:port} (0 picks a free port). */
    @Async
    static Coroutine<Server> start(String host, int port) throws IOException {
        Server server = await(startServer((reader, writer) -> handleEcho(reader, writer), host, port));
        System.out.println("Serving on " + server.address());
        return result(server);
    }

    @Async
    static Coroutine<Void> main(int port) throws IOException {
        Server server = await(start("127.0.0.1", port));
        await(server.serveForever());
        return result();
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
        AsyncIO.run(main(port));
    }
}
