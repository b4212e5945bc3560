package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.awaitj.AsyncIO;
import org.awaitj.io.Connection;
import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

/**
 * The asyncio documentation's "TCP echo client using streams": sends each message as a line to the
 * {@link EchoServer} and prints what comes back.
 *
 * <pre>{@code java -javaagent:awaitj-agent.jar -cp ... org.awaitj.samples.EchoClient [host [port [message...]]]}</pre>
 */
public class EchoClient {

    @Async
    static Coroutine<Void> tcpEchoClient(String host, int port, List<String> messages) throws IOException {
        try (Connection connection = await(openConnection(host, port))) {
            for (String message : messages) {
                System.out.println("Send: '" + message + "'");
                connection.writer().write((message + "\n").getBytes(StandardCharsets.UTF_8));
                await(connection.writer().drain());
                byte[] data = await(connection.reader().readLine());
                System.out.println("Received: '" + new String(data, StandardCharsets.UTF_8).strip() + "'");
            }
            System.out.println("Close the connection");
        }   // the end of the block closes the connection and awaits its closing
        return result();
    }

    public static void main(String[] args) throws IOException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8888;
        List<String> messages = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of("Hello World!");
        try {
            AsyncIO.run(tcpEchoClient(host, port, messages));
        } catch (ConnectException e) {
            System.out.println(e.getMessage() + " (is the EchoServer running?)");
        }
    }
}
