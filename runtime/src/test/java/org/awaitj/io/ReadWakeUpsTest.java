package org.awaitj.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.awaitj.Coroutine;
import org.awaitj.RuntimeTestSupport;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.io.StreamSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a socket read costs the loop: the bytes reach the reader from the transport's reused buffer, and the
 * task a read wakes runs without the loop asking its selector again first.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReadWakeUpsTest {
    private static final int ROUNDS = 200;

    @Async
    static Coroutine<long[]> echoRounds() throws IOException {
        Server server = await(startServer((r, w) -> StreamSupport.echo(r, w), HOST, 0));
        Connection c = await(openConnection(HOST, server.port()));
        byte[] payload = new byte[1024];
        long before = RuntimeTestSupport.selections(getRunningLoop());
        long intact = 0;
        for (int i = 0; i < ROUNDS; i++) {
            Arrays.fill(payload, (byte) i);
            c.writer().write(payload);
            byte[] back = await(c.reader().readExactly(payload.length));
            intact += Arrays.equals(back, payload) ? 1 : 0;
        }
        long selections = RuntimeTestSupport.selections(getRunningLoop()) - before;
        await(c.closeAsync());
        server.close();
        await(server.waitClosed());
        return result(new long[] {intact, selections});
    }

    @Test
    void aRoundTripOnOneLoopAsksTheSelectorOncePerWakeUp() throws IOException {
        long[] r = run(echoRounds());
        assertEquals(ROUNDS, r[0], "round trips that came back as sent");
        // one wake-up on each side per round trip; polling again before the woken task ran made it four
        assertTrue(r[1] <= 2L * ROUNDS + 10, r[1] + " selections for " + ROUNDS + " round trips");
    }

    /** An echo server that reads into one array and writes back the part it read. */
    @Async
    static Coroutine<Void> echoInPlace(StreamReader reader, StreamWriter writer) throws IOException {
        byte[] chunk = new byte[700];
        try {
            for (int n = await(reader.readInto(chunk, 100, 600)); n > 0; n = await(reader.readInto(chunk, 100, 600))) {
                writer.write(chunk, 100, n);
                await(writer.drain());
            }
        } finally {
            writer.close();
        }
        return result();
    }

    @Async
    static Coroutine<Integer> echoesInPlace() throws IOException {
        Server server = await(startServer((r, w) -> echoInPlace(r, w), HOST, 0));
        Connection c = await(openConnection(HOST, server.port()));
        int intact = 0;
        for (int i = 0; i < 20; i++) {
            byte[] payload = new byte[1500];     // more than the server reads at once
            Arrays.fill(payload, (byte) i);
            payload[0] = (byte) (i + 1);
            c.writer().write(payload);
            intact += Arrays.equals(await(c.reader().readExactly(payload.length)), payload) ? 1 : 0;
        }
        await(c.closeAsync());
        server.close();
        await(server.waitClosed());
        return result(intact);
    }

    @Test
    void aServerThatReadsIntoOneArrayAndWritesPartsOfItEchoesEveryByte() throws IOException {
        assertEquals(20, run(echoesInPlace()));
    }

    @Test
    void bytesFedFromATransportsBufferAreTheReadersOwn() throws Exception {
        StreamReader reader = new StreamReader();
        ByteBuffer transport = ByteBuffer.allocateDirect(64);
        transport.put(new byte[] {1, 2, 3, 4}).flip();
        reader.feedData(transport);
        transport.clear();
        transport.put(new byte[] {9, 9, 9, 9}).flip();    // the transport reuses its buffer for the next read
        assertArrayEquals(new byte[] {1, 2}, run(reader.readExactly(2)));
        reader.feedData(transport);                        // appended behind what is left
        assertArrayEquals(new byte[] {3, 4, 9, 9, 9, 9}, run(reader.read(100)));

        transport.clear();
        transport.put(new byte[] {5, 6, 7}).flip();
        reader.feedData(transport);
        byte[] whole = run(reader.read(100));
        assertArrayEquals(new byte[] {5, 6, 7}, whole);
        transport.clear();
        transport.put(new byte[] {8}).flip();
        reader.feedData(transport);
        assertArrayEquals(new byte[] {5, 6, 7}, whole, "a read's array is the caller's: later reads leave it alone");
        assertArrayEquals(new byte[] {8}, run(reader.read(100)));
    }
}
