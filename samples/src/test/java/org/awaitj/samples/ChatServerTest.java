package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.awaitj.AsyncIO;
import org.awaitj.io.Connection;
import org.awaitj.Coroutine;
import org.awaitj.io.Server;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChatServerTest {

    private static void send(Connection c, String line) {
        c.writer().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Async
    static Coroutine<String> receive(Connection c) throws IOException {
        return result(new String(await(c.reader().readLine()), StandardCharsets.UTF_8).strip());
    }

    @Async
    static Coroutine<Connection> join(int port, String name, List<String> seen) throws IOException {
        Connection c = await(openConnection("127.0.0.1", port));
        seen.add(name + " < " + await(receive(c)));
        send(c, name);
        seen.add(name + " < " + await(receive(c)));
        return result(c);
    }

    @Async
    static Coroutine<List<String>> conversation() throws IOException {
        List<String> seen = new ArrayList<>();
        Server server = await(new ChatServer().start("127.0.0.1", 0));
        Connection alice = await(join(server.port(), "alice", seen));
        Connection bob = await(join(server.port(), "bob", seen));
        seen.add("alice < " + await(receive(alice)));
        send(alice, "hi bob");
        seen.add("bob < " + await(receive(bob)));
        send(bob, "/who");
        seen.add("bob < " + await(receive(bob)));
        send(bob, "/quit");
        seen.add("bob < " + await(receive(bob)));
        seen.add("bob < eof: " + await(bob.reader().read(-1)).length);
        seen.add("alice < " + await(receive(alice)));
        await(bob.closeAsync());
        alice.writer().writeEof();      // leaving without /quit
        seen.add("alice < " + await(receive(alice)));
        await(alice.closeAsync());
        server.close();
        await(server.waitClosed());
        return result(seen);
    }

    @Test
    void linesGoToTheOtherClientsAndJoinsAndLeavesAreAnnounced() throws Exception {
        List<String> log = PrintedLines.of(args -> {
            List<String> seen = AsyncIO.run(conversation());
            assertEquals(List.of(
                    "alice < Welcome! Your name?",
                    "alice < Hello alice! /who lists who is here, /quit leaves.",
                    "bob < Welcome! Your name?",
                    "bob < Hello bob! /who lists who is here, /quit leaves.",
                    "alice < * bob joined",
                    "bob < alice: hi bob",
                    "bob < * online: alice, bob",
                    "bob < Bye bob!",
                    "bob < eof: 0",
                    "alice < * bob left",
                    "alice < Bye alice!"), seen);
        });
        assertEquals(5, log.size(), log.toString());
        assertEquals("alice left", log.get(4));
        assertEquals("bob left", log.get(3));
    }
}
