package org.awaitj.io;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.createDatagramEndpoint;
import static org.awaitj.AsyncIO.createTask;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.sleep;
import static org.awaitj.io.StreamSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.RuntimeTestSupport;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** UDP over loopback: createDatagramEndpoint, send and an awaitable receive, the bounded queue, errors. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatagramTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(HOST, 0);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(Datagram d) {
        return new String(d.data(), StandardCharsets.US_ASCII);
    }

    /** Sends every datagram back where it came from, until closed. */
    @Async
    static Coroutine<Void> echo(DatagramEndpoint server) throws IOException {
        try {
            while (true) {
                Datagram d = await(server.receive());
                server.send(d.data(), d.sender());
            }
        } catch (ClosedChannelException closed) {
            return result();
        }
    }

    @Async
    static Coroutine<List<String>> exchange() throws IOException {
        List<String> facts = new ArrayList<>();
        DatagramEndpoint server = await(createDatagramEndpoint(ANY_PORT, null));
        Task<Void> echoing = createTask(echo(server));
        DatagramEndpoint client = await(createDatagramEndpoint(null, server.localAddress()));
        int intact = 0;
        for (int i = 0; i < 200; i++) {     // one at a time: what loopback loses then is a bug
            byte[] payload = StreamSupport.pattern(1 + i * 37);
            client.send(payload);
            Datagram back = await(client.receive());
            intact += java.util.Arrays.equals(payload, back.data()) && back.sender().equals(server.localAddress()) ? 1 : 0;
        }
        facts.add(intact + " of 200 echoed intact");
        for (int i = 0; i < 20; i++) {      // a burst, well within the socket buffers
            client.send(bytes("burst " + i));
        }
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(text(await(client.receive())));
        }
        facts.add("burst in order: " + burst.equals(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "burst " + i).toList()));
        facts.add("dropped: " + client.droppedCount() + " and " + server.droppedCount());
        client.close();
        server.close();
        await(echoing);
        facts.add("keys left: " + RuntimeTestSupport.selectorKeyCount(AsyncIO.getRunningLoop()));
        return result(facts);
    }

    @Test
    void aLoopbackExchangeLosesNothing() throws Exception {
        assertEquals(List.of("200 of 200 echoed intact", "burst in order: true", "dropped: 0 and 0", "keys left: 0"),
                AsyncIO.run(exchange()));
    }

    @Async
    static Coroutine<List<String>> oversized() throws IOException {
        List<String> facts = new ArrayList<>();
        DatagramEndpoint receiver = await(createDatagramEndpoint(ANY_PORT, null));
        DatagramEndpoint sender = await(createDatagramEndpoint(null, receiver.localAddress()));
        sender.send(new byte[65_507]);       // the largest UDP payload over IPv4
        facts.add("largest datagram received whole: " + await(receiver.receive()).data().length);
        try {
            sender.send(new byte[65_508]);
            facts.add("sent?");
        } catch (IOException e) {
            facts.add("one byte more is refused by send: " + e.getMessage());
        }
        sender.send(bytes("still usable"));
        facts.add(text(await(receiver.receive())));
        sender.close();
        receiver.close();
        return result(facts);
    }

    @Test
    void aDatagramLargerThanUdpAllowsFailsAtSendAndNothingIsEverTruncated() throws Exception {
        assertEquals(List.of("largest datagram received whole: 65507", "one byte more is refused by send: Message too long",
                "still usable"), AsyncIO.run(oversized()));
    }

    @Async
    static Coroutine<List<String>> toAClosedPort() throws IOException {
        List<String> facts = new ArrayList<>();
        SocketAddress nobody;
        try (DatagramChannel gone = DatagramChannel.open()) {
            gone.bind(ANY_PORT);
            nobody = gone.getLocalAddress();
        }
        DatagramEndpoint client = await(createDatagramEndpoint(null, nobody));
        client.send(bytes("anyone?"));
        try {
            await(client.receive());
            facts.add("received?");
        } catch (PortUnreachableException e) {
            facts.add("the ICMP port unreachable is thrown by receive; closing: " + client.isClosing());
        }
        DatagramEndpoint server = await(createDatagramEndpoint(ANY_PORT, null));
        DatagramEndpoint other = await(createDatagramEndpoint(null, server.localAddress()));
        other.send(bytes("the loop goes on"));
        facts.add(text(await(server.receive())));
        client.close();
        server.close();
        other.close();
        return result(facts);
    }

    @Test
    void aConnectedEndpointHearsThatThePeerIsGone() throws Exception {
        assertEquals(List.of("the ICMP port unreachable is thrown by receive; closing: false", "the loop goes on"),
                AsyncIO.run(toAClosedPort()));
    }

    @Async
    static Coroutine<List<String>> cancelAReceive() throws IOException {
        List<String> facts = new ArrayList<>();
        DatagramEndpoint receiver = await(createDatagramEndpoint(ANY_PORT, null));
        DatagramEndpoint sender = await(createDatagramEndpoint(null, receiver.localAddress()));
        Task<Datagram> waiting = createTask(receiver.receive());
        await(sleep(0));
        waiting.cancel();
        facts.add(await(RuntimeTestSupport.outcome(waiting)));
        sender.send(bytes("not lost"));
        facts.add(text(await(receiver.receive())));
        Task<Datagram> pending = createTask(receiver.receive());
        await(sleep(0));
        receiver.close();
        facts.add("a pending receive at close: " + await(RuntimeTestSupport.outcome(pending)));
        sender.close();
        try {
            sender.send(bytes("after close"));
        } catch (ClosedChannelException e) {
            facts.add("send after close: ClosedChannelException");
        }
        return result(facts);
    }

    @Test
    void cancellingAPendingReceiveTakesNothingFromTheQueue() throws Exception {
        assertEquals(List.of("cancelled", "not lost", "a pending receive at close: ClosedChannelException",
                "send after close: ClosedChannelException"), AsyncIO.run(cancelAReceive()));
    }

    @Async
    static Coroutine<List<String>> overflow() throws IOException {
        List<String> facts = new ArrayList<>();
        DatagramEndpoint receiver = await(DatagramEndpoint.create(ANY_PORT, null, 4));
        DatagramEndpoint sender = await(createDatagramEndpoint(null, receiver.localAddress()));
        for (int i = 0; i < 10; i++) {
            sender.send(bytes("d" + i));
        }
        while (receiver.queued() + receiver.droppedCount() < 10) {
            await(sleep(0.001));      // until the loop has read all ten
        }
        facts.add("queued " + receiver.queued() + ", dropped " + receiver.droppedCount());
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            got.add(text(await(receiver.receive())));
        }
        facts.add("kept the first: " + got);
        sender.close();
        receiver.close();
        return result(facts);
    }

    @Test
    void aFullQueueDropsTheNewestDatagramsAndCountsThem() throws Exception {
        assertEquals(List.of("queued 4, dropped 6", "kept the first: [d0, d1, d2, d3]"), AsyncIO.run(overflow()));
    }

    @Async
    static Coroutine<List<String>> addressing() throws IOException {
        List<String> facts = new ArrayList<>();
        DatagramEndpoint a = await(createDatagramEndpoint(ANY_PORT, null));
        DatagramEndpoint b = await(createDatagramEndpoint(ANY_PORT, null));
        facts.add("bound to a port: " + (((InetSocketAddress) a.localAddress()).getPort() > 0));
        try {
            a.send(bytes("where to?"));
        } catch (IllegalStateException e) {
            facts.add("send(data) unconnected: " + e.getMessage());
        }
        a.send(bytes("to b"), b.localAddress());
        Datagram d = await(b.receive());
        facts.add(text(d) + " from a: " + d.sender().equals(a.localAddress()));
        DatagramEndpoint c = await(createDatagramEndpoint(null, InetSocketAddress.createUnresolved("localhost",
                ((InetSocketAddress) b.localAddress()).getPort())));
        c.send(bytes("by name"));
        facts.add(text(await(b.receive())));
        try {
            c.send(bytes("elsewhere"), a.localAddress());
        } catch (IllegalArgumentException e) {
            facts.add("a connected endpoint sends to its peer only");
        }
        a.close();
        b.close();
        c.close();
        return result(facts);
    }

    @Test
    void addressesUnconnectedConnectedAndByName() throws Exception {
        assertEquals(List.of("bound to a port: true",
                "send(data) unconnected: send(data) needs a connected endpoint: give the address, send(data, to)",
                "to b from a: true", "by name", "a connected endpoint sends to its peer only"), AsyncIO.run(addressing()));
    }
}
