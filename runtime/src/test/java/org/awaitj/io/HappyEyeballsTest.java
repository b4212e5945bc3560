package org.awaitj.io;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.createTask;
import static org.awaitj.AsyncIO.getRunningLoop;
import static org.awaitj.AsyncIO.openConnection;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.sleep;
import static org.awaitj.AsyncIO.startServer;
import static org.awaitj.io.StreamSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.RuntimeTestSupport;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Happy eyeballs over loopback: 127.0.0.2 black-holes (a listener that never accepts, its backlog full, so
 * that Linux drops the SYN and the connect hangs), 127.0.0.3 refuses, 127.0.0.1 answers. The attempts are
 * timed on a virtual-time loop, whose clock stops at each timer exactly.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HappyEyeballsTest {

    /** A listening socket on 127.0.0.2 whose accept queue is full: new connects to it hang. */
    static final class BlackHole implements AutoCloseable {
        final ServerSocket listener = new ServerSocket();
        final List<Socket> queued = new ArrayList<>();

        BlackHole() throws IOException {
            listener.bind(new InetSocketAddress("127.0.0.2", 0), 1);
            for (int i = 0; i < 16; i++) {
                Socket s = new Socket();
                try {
                    s.connect(address(), 500);      // the queue takes backlog + 1; then the SYNs are dropped
                    queued.add(s);
                } catch (SocketTimeoutException full) {
                    s.close();
                    return;
                }
            }
            throw new IllegalStateException("the accept queue of " + address() + " never filled up");
        }

        InetSocketAddress address() {
            return (InetSocketAddress) listener.getLocalSocketAddress();
        }

        @Override
        public void close() throws IOException {
            for (Socket s : queued) {
                s.close();
            }
            listener.close();
        }
    }

    /** Records each attempt event; an "attempt" with its loop time, relative to the first. */
    static BiConsumer<String, SocketAddress> recorder(List<String> log, EventLoop loop) {
        double[] t0 = {Double.NaN};
        return (what, at) -> {
            String where = ((InetSocketAddress) at).getAddress().getHostAddress();
            if (what.equals("attempt")) {
                double now = loop.time();
                if (Double.isNaN(t0[0])) {
                    t0[0] = now;
                }
                log.add(String.format(Locale.ROOT, "attempt %s at %.6f", where, now - t0[0]));
            } else {
                log.add(what + " " + where);
            }
        };
    }

    /** Runs {@code main} on a fresh virtual-time loop, closed afterwards. */
    static <T> T onVirtualTime(Coroutine<T> main) {
        EventLoop loop = EventLoop.withVirtualTime();
        try {
            return loop.runUntilComplete(main);
        } finally {
            loop.close();
        }
    }

    @Async
    static Coroutine<List<String>> race(InetSocketAddress first, ConnectOptions options) throws IOException {
        List<String> log = new ArrayList<>();
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0));
        InetSocketAddress live = new InetSocketAddress(HOST, server.port());
        InetSocketAddress second = first != null ? first : new InetSocketAddress("127.0.0.3", server.port());
        Connection c = await(Connector.openAddresses(List.of(second, live), options, recorder(log, getRunningLoop())));
        c.writer().write("ping\n".getBytes(StandardCharsets.US_ASCII));
        log.add("echo " + new String(await(c.reader().readLine()), StandardCharsets.US_ASCII).trim());
        await(c.closeAsync());
        server.close();
        await(server.waitClosed());
        log.add("keys left: " + RuntimeTestSupport.selectorKeyCount(getRunningLoop()));
        return result(log);
    }

    @Test
    void aBlackHoledAddressLosesToTheNextOneStartedAfterTheDelay() throws Exception {
        try (BlackHole hole = new BlackHole()) {
            List<String> log = onVirtualTime(race(hole.address(), ConnectOptions.defaults().happyEyeballsDelay(0.25)));
            assertEquals(List.of("attempt 127.0.0.2 at 0.000000", "attempt 127.0.0.1 at 0.250000", "connected 127.0.0.1",
                    "abandoned 127.0.0.2", "echo ping", "keys left: 0"), log);
        }
    }

    @Test
    void aRefusedAddressStartsTheNextAttemptAtOnceNotAfterTheDelay() throws Exception {
        // with an hour of delay, only the refusal can have started the second attempt in time
        List<String> log = onVirtualTime(race(null, ConnectOptions.defaults().happyEyeballsDelay(3600)));
        assertEquals(List.of("attempt 127.0.0.3 at 0.000000", "failed 127.0.0.3"), log.subList(0, 2));
        String second = "attempt 127.0.0.1 at ";
        assertEquals(second, log.get(2).substring(0, second.length()));
        assertTrue(Double.parseDouble(log.get(2).substring(second.length())) < 3600, log.get(2));
        assertEquals(List.of("connected 127.0.0.1", "echo ping", "keys left: 0"), log.subList(3, log.size()));
    }

    @Test
    void withoutADelayTheAddressesAreTriedOneAfterTheOther() throws Exception {
        List<String> log = AsyncIO.run(race(null, ConnectOptions.defaults()));
        assertEquals(List.of("failed 127.0.0.3", "connected 127.0.0.1", "echo ping", "keys left: 0"),
                log.stream().filter(e -> !e.startsWith("attempt")).toList());
    }

    @Async
    static Coroutine<List<String>> cancelWhileAttempting(InetSocketAddress hole) {
        List<String> log = new ArrayList<>();
        Task<Connection> connecting = createTask(Connector.openAddresses(List.of(hole),
                ConnectOptions.defaults().happyEyeballsDelay(0.25), recorder(log, getRunningLoop())));
        await(sleep(0));
        connecting.cancel();
        log.add(await(RuntimeTestSupport.outcome(connecting)));
        await(sleep(0));
        log.add("keys left: " + RuntimeTestSupport.selectorKeyCount(getRunningLoop()));
        return result(log);
    }

    @Test
    void cancellingClosesTheAttemptsUnderWay() throws Exception {
        try (BlackHole hole = new BlackHole()) {
            assertEquals(List.of("attempt 127.0.0.2 at 0.000000", "abandoned 127.0.0.2", "cancelled", "keys left: 0"),
                    AsyncIO.run(cancelWhileAttempting(hole.address())));
        }
    }

    @Async
    static Coroutine<String> byName() throws IOException {
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0));
        try (Connection c = await(openConnection("localhost", server.port(), 0.25))) {
            c.writer().write("by name\n".getBytes(StandardCharsets.US_ASCII));
            return result(new String(await(c.reader().readLine()), StandardCharsets.US_ASCII).trim());
        } finally {
            server.close();
            await(server.waitClosed());
        }
    }

    @Test
    void openConnectionWithAHappyEyeballsDelayConnectsByName() throws Exception {
        assertEquals("by name", AsyncIO.run(byName()));
    }

    @Test
    void interleavingAlternatesTheFamilies() throws Exception {
        InetAddress[] found = {InetAddress.getByName("::1"), InetAddress.getByName("::2"),
                InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2"), InetAddress.getByName("::3")};
        assertEquals(List.of("0:0:0:0:0:0:0:1", "10.0.0.1", "0:0:0:0:0:0:0:2", "10.0.0.2", "0:0:0:0:0:0:0:3"),
                Connector.interleave(found, 1).stream().map(InetAddress::getHostAddress).toList());
        assertEquals(List.of("0:0:0:0:0:0:0:1", "0:0:0:0:0:0:0:2", "10.0.0.1", "0:0:0:0:0:0:0:3", "10.0.0.2"),
                Connector.interleave(found, 2).stream().map(InetAddress::getHostAddress).toList());
        assertEquals(1, ConnectOptions.defaults().happyEyeballsDelay(0.25).interleave());
        assertEquals(0, ConnectOptions.defaults().interleave());
    }
}
