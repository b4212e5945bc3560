package org.awaitj.benchmarks.echo;

import java.io.IOException;

/**
 * One system under test of the echo benchmark ({@link Echo}): an echo server and a client with {@code connections}
 * connections to it, over loopback (127.0.0.1 only), the server and the client each on their own thread (or,
 * for virtual threads, on a scheduler with two carriers). {@link #start} connects once, untimed; each
 * {@link #roundTrips} call has every connection send {@link #PAYLOAD} bytes, wait for all of them to come
 * back, and repeat, {@code perConnection} times, the connections concurrently; it returns when all are done.
 */
public interface EchoSystem {
    /** The size of each message: 1 KiB. */
    int PAYLOAD = 1024;

    /** Starts the server and connects the client's {@code connections} connections (not timed). */
    void start(int connections) throws Exception;

    /** Runs {@code perConnection} ping-pong round trips on every connection; returns when all are done. */
    void roundTrips(int perConnection) throws Exception;

    /** Closes the connections and the server and stops the threads. */
    void close() throws Exception;

    /** The message every client sends: 1 KiB of varied bytes. */
    static byte[] payload() {
        byte[] b = new byte[PAYLOAD];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    /** Fails unless {@code got} is the payload: the setup checks one round trip of each connection. */
    static void check(byte[] got, String system) throws IOException {
        if (!java.util.Arrays.equals(got, payload())) {
            throw new IOException(system + ": the echo came back different from what was sent");
        }
    }
}
