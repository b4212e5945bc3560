package org.awaitj.io;

import java.io.IOException;

import org.awaitj.AsyncCloseable;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.internal.CoroutineSupport;

/**
 * An open connection, as {@link AsyncIO#openConnection} returns it: asyncio's {@code (reader, writer)} pair.
 *
 * <p>It is an {@link AsyncCloseable}, so inside an {@code @Async} method a try-with-resources block closes it
 * and waits until it is closed (Python's {@code async with}):
 * <pre>{@code
 * try (Connection c = await(openConnection("127.0.0.1", 8888))) {
 *     c.writer().write(request);
 *     byte[] reply = await(c.reader().readLine());
 * }
 * }</pre>
 */
public final class Connection implements AsyncCloseable {
    private final StreamReader reader;
    private final StreamWriter writer;

    /** What {@link AsyncIO#openConnection} does; {@code ssl} null for plain TCP. */
    public static Coroutine<Connection> open(String host, int port, javax.net.ssl.SSLContext ssl) {
        return Connector.open(host, port, ssl == null ? ConnectOptions.defaults() : ConnectOptions.defaults().ssl(ssl));
    }

    /** What {@link AsyncIO#openConnection(String, int, ConnectOptions)} does. */
    public static Coroutine<Connection> connect(String host, int port, ConnectOptions options) {
        return Connector.open(host, port, options);
    }

    /** What {@link AsyncIO#openUnixConnection} does. */
    public static Coroutine<Connection> openUnix(java.nio.file.Path path) {
        return Connector.openUnix(path);
    }

    Connection(StreamReader reader, StreamWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    public StreamReader reader() {
        return reader;
    }

    public StreamWriter writer() {
        return writer;
    }

    /**
     * Closes the writer and waits until the connection is closed. A connection that was lost with an error is
     * closed all the same: that error is not thrown again here (the reads and drains that met it threw it).
     */
    @Override
    public Coroutine<Void> closeAsync() {
        writer.close();
        return new Coroutine<Void>() {
            private Coroutine<Void> wait;

            @Override
            protected Object invokeSuspend() {
                try {
                    if (wait == null) {
                        wait = writer.waitClosed();
                        Object r = CoroutineSupport.awaitCoroutine(wait, this);
                        if (r == CoroutineSupport.SUSPENDED) {
                            return r;
                        }
                    } else {
                        CoroutineSupport.resumeValue(this);
                    }
                } catch (Throwable e) {
                    if (!(e instanceof IOException)) {
                        throw CoroutineSupport.sneakyThrow(e);     // a cancellation, say
                    }
                    // lost with an error: closed all the same
                }
                return complete(null);
            }

            @Override
            protected String describe() {
                return "Connection.closeAsync";
            }
        };
    }

    /**
     * Inside an {@code @Async} method the agent turns this call (and the implicit one of try-with-resources)
     * into {@code await(closeAsync())}. Anywhere else it starts closing without waiting, as
     * {@link StreamWriter#close()} does.
     */
    @Override
    public void close() {
        writer.close();
    }

    @Override
    public String toString() {
        return "<Connection " + writer + ">";
    }
}
