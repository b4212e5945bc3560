package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.io.Server;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EchoServerAndClientTest {

    /** The server on a free port and the client, on one loop, as two programs would run them. */
    @Async
    static Coroutine<Void> serverAndClient() throws IOException {
        Server server = await(EchoServer.start("127.0.0.1", 0));
        await(EchoClient.tcpEchoClient("127.0.0.1", server.port(), List.of("Hello World!", "Bye")));
        await(sleep(0.05));     // the server task sees the client's EOF
        server.close();
        await(server.waitClosed());
        return result();
    }

    @Test
    void theClientGetsEachLineBackAndTheServerSeesItsConnectionClose() throws Exception {
        List<String> lines = PrintedLines.of(args -> AsyncIO.run(serverAndClient()));
        assertTrue(lines.get(0).startsWith("Serving on /127.0.0.1:"), lines.toString());
        assertTrue(lines.get(2).startsWith("Received 'Hello World!' from /127.0.0.1:"), lines.toString());
        assertTrue(lines.get(5).startsWith("Received 'Bye' from /127.0.0.1:"), lines.toString());
        assertEquals(List.of("Send: 'Hello World!'", "Received: 'Hello World!'", "Send: 'Bye'", "Received: 'Bye'",
                "Close the connection", "Close the connection"),
                List.of(lines.get(1), lines.get(3), lines.get(4), lines.get(6), lines.get(7), lines.get(8)));
        assertEquals(9, lines.size(), lines.toString());
    }

    @Test
    void withoutAServerTheClientSaysSo() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        List<String> lines = PrintedLines.of(args -> EchoClient.main(new String[] {"127.0.0.1", String.valueOf(port)}));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("cannot connect to 127.0.0.1:" + port + ": "), lines.toString());
        assertTrue(lines.get(0).endsWith("(is the EchoServer running?)"), lines.toString());
    }
}
