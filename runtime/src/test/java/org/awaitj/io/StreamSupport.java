package org.awaitj.io;

import org.awaitj.*;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/** Handlers and clients the stream tests share. */
final class StreamSupport {
    static final String HOST = "127.0.0.1";

    private StreamSupport() {
    }

    /** Echoes every byte until EOF, then closes. */
    @Async
    static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) throws IOException {
        try {
            while (true) {
                byte[] data = await(reader.read(64 * 1024));
                if (data.length == 0) {
                    break;
                }
                writer.write(data);
                await(writer.drain());
            }
        } finally {
            writer.close();
        }
        return result();
    }

    /** Sends {@code payload} in chunks, draining after each, then half-closes. */
    @Async
    static Coroutine<Void> send(StreamWriter writer, byte[] payload, int chunk) throws IOException {
        for (int off = 0; off < payload.length; off += chunk) {
            byte[] part = java.util.Arrays.copyOfRange(payload, off, Math.min(payload.length, off + chunk));
            writer.write(part);
            await(writer.drain());
        }
        writer.writeEof();
        return result();
    }

    /** Sends {@code payload} to an echo server and returns what comes back before EOF. */
    @Async
    static Coroutine<byte[]> roundTrip(int port, byte[] payload) throws IOException {
        Connection c = await(openConnection(HOST, port));
        Task<Void> sender = createTask(send(c.writer(), payload, 64 * 1024));
        byte[] back = await(c.reader().read(-1));
        await(sender);
        c.writer().close();
        await(c.writer().waitClosed());
        return result(back);
    }

    static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }

    /** A port nothing listens on (bound, then released). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    /** Collects what the runtime logs to "org.awaitj" (System.Logger goes to java.util.logging by default). */
    static final class CapturedLog extends Handler implements AutoCloseable {
        private final Logger logger = Logger.getLogger("org.awaitj");
        final List<LogRecord> records = java.util.Collections.synchronizedList(new ArrayList<>());

        CapturedLog() {
            setLevel(Level.ALL);
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }

        boolean contains(String text) {
            synchronized (records) {
                return records.stream().anyMatch(r -> r.getMessage() != null && r.getMessage().contains(text));
            }
        }
    }
}
