package org.awaitj.io;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import javax.net.ssl.SSLContext;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.internal.AwaitOperation;
import org.awaitj.internal.CoroutineSupport;

/**
 * The writing half of a connection, like asyncio's {@code StreamWriter}.
 *
 * <p>{@link #write} never blocks and never suspends: the bytes go to the socket at once when it takes them,
 * else into the transport's buffer. {@link #drain()} is the back-pressure: it suspends the calling task
 * (never the loop) while more than the high-water mark (64 KiB) is buffered, until the buffer is down to the
 * low-water mark (16 KiB). Write, then await drain, and the memory a slow peer can cost stays bounded:
 * <pre>{@code
 * writer.write(data);
 * await(writer.drain());
 * }</pre>
 * Loop thread only.
 */
public final class StreamWriter {
    /** The plain transport, until {@link #startTls} replaces it with TLS over it. */
    private Transport transport;
    /** A startTls handshake is under way: writing now would put plain bytes among the TLS records. */
    private boolean upgrading;
    private final StreamProtocol protocol;
    private final StreamReader reader;

    StreamWriter(Transport transport, StreamProtocol protocol, StreamReader reader) {
        this.transport = transport;
        this.protocol = protocol;
        this.reader = reader;
    }

    /**
     * Sends {@code data}, or buffers it (as a copy) for the loop to send when the socket can take it. Once the
     * writer is closing, or the connection was lost, the bytes are dropped (a {@link #drain()} then throws).
     *
     * @throws IllegalStateException after {@link #writeEof()}, or while {@link #startTls} is under way
     */
    public void write(byte[] data) {
        write(data, 0, data.length);
    }

    /**
     * {@link #write(byte[])} of {@code data[from..from + length)}: for a loop that reads into one array it
     * keeps ({@link StreamReader#readInto}) and writes what it read.
     */
    public void write(byte[] data, int from, int length) {
        java.util.Objects.checkFromIndexSize(from, length, data.length);
        if (upgrading) {
            throw new IllegalStateException("write() while startTls() is under way: await it first");
        }
        transport.write(data, from, length);
    }

    /** Writes each array in turn. */
    public void writeLines(List<byte[]> lines) {
        for (byte[] line : lines) {
            write(line);
        }
    }

    /**
     * Upgrades this plain connection to TLS in place, as the client (asyncio's {@code writer.start_tls}, the
     * STARTTLS of SMTP, IMAP, XMPP...): the handshake goes out after the bytes written so far, and the
     * server's certificate must name {@code serverHostname}. Once it returns, this writer and its reader go on
     * over TLS. Bytes the reader buffered before the upgrade stay as they came; a failed handshake throws its
     * {@link javax.net.ssl.SSLException} and drops the connection, as cancelling the awaiting task does.
     *
     * @throws UnsupportedOperationException if the connection is TLS already, or not a socket
     */
    public Coroutine<Void> startTls(SSLContext ssl, String serverHostname) throws IOException {
        return StartTls.start(this, ssl, java.util.Objects.requireNonNull(serverHostname,
                "startTls needs the server's host name, to check its certificate"));
    }

    /** {@link #startTls(SSLContext, String)} as the server: {@code ssl} holds the key and certificate. */
    public Coroutine<Void> startTls(SSLContext ssl) throws IOException {
        return StartTls.start(this, ssl, null);
    }

    Transport transport() {
        return transport;
    }

    StreamProtocol protocol() {
        return protocol;
    }

    void setUpgrading(boolean upgrading) {
        this.upgrading = upgrading;
    }

    /** TLS is up: from now on the writer, its reader and their protocol go through {@code tls}. */
    void replaceTransport(Transport tls) {
        transport = tls;
        protocol.replaceTransport(tls);
    }

    /**
     * Waits until the write buffer is down to its low-water mark, if it is over its high-water mark; returns
     * at once otherwise. Throws the connection's error if it failed (a reset: {@link java.net.SocketException}),
     * and {@code SocketException("Connection lost")} once it is closed.
     */
    public Coroutine<Void> drain() throws IOException {
        return new Drain();
    }

    /**
     * The agent's {@code await(writer.drain())}: a drain with nothing to wait for (writing not paused, the
     * connection up and not closing) returns with no coroutine made; any other goes through {@link Drain}.
     */
    static Object drain(StreamWriter w, Coroutine<?> anchor, int depth) throws IOException {
        boolean clear = (w.reader == null || w.reader.exception() == null) && !w.transport.isClosing()
                && !w.protocol.isLost() && !w.protocol.isPaused();
        return clear ? null : CoroutineSupport.fusedAwait(w.drain(), anchor, depth);
    }

    /** Closes the sending side once the buffer is flushed (TCP half-close): the peer reads EOF and may still write. */
    public void writeEof() {
        if (!transport.canWriteEof()) {
            throw new UnsupportedOperationException("this transport cannot half-close (TLS has no half-close)");
        }
        transport.writeEof();
    }

    /** True when {@link #writeEof()} is supported: plain sockets and pipes, not TLS. */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Closes the connection once the buffered bytes are sent; {@link #waitClosed()} waits for that. */
    public void close() {
        transport.close();
    }

    /** True once {@link #close()} was called or the connection was lost. */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /** Waits until the connection is closed; throws the error it was lost with, if any. */
    public Coroutine<Void> waitClosed() throws IOException {
        return new AwaitOperation<Void>("StreamWriter.waitClosed", loop -> AsyncIO.shield(protocol.closedFuture()));
    }

    /** How many bytes are buffered, written but not yet taken by the socket. */
    public long writeBufferSize() {
        return transport.writeBufferSize();
    }

    /** Sets the marks {@link #drain()} works with (defaults: 64 KiB high, 16 KiB low). */
    public void setWriteBufferLimits(int high, int low) {
        transport.setWriteBufferLimits(high, low);
    }

    /** The local address of the connection, or null (a pipe). */
    public SocketAddress localAddress() {
        return transport.localAddress();
    }

    /** The peer's address, or null (a pipe). */
    public SocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    /** Drops the connection at once, discarding buffered bytes. */
    void abort() {
        transport.abort();
    }

    /** asyncio's {@code StreamWriter.drain}, by hand. */
    private final class Drain extends Coroutine<Void> {
        private static final int START = 0;
        private static final int YIELDED = 1;
        private static final int WAITING = 2;
        private int state = START;

        @Override
        protected Object invokeSuspend() {
            switch (state) {
                case START:
                    Throwable e = reader != null ? reader.exception() : null;
                    if (e != null) {
                        throw CoroutineSupport.sneakyThrow(e);
                    }
                    if (transport.isClosing() && !protocol.isLost()) {
                        // let connectionLost run first (asyncio's sleep(0)), so that drain sees the loss
                        state = YIELDED;
                        return CoroutineSupport.awaitCoroutine(AsyncIO.sleep(0), this);
                    }
                    break;
                case YIELDED:
                    CoroutineSupport.resumeValue(this);
                    break;
                default:
                    CoroutineSupport.resumeValue(this);
                    return complete(null);
            }
            if (protocol.isLost()) {
                throw CoroutineSupport.sneakyThrow(protocol.lostError());
            }
            if (!protocol.isPaused()) {
                return complete(null);
            }
            state = WAITING;
            return CoroutineSupport.awaitFuture(protocol.drainWaiter(), this);
        }

        @Override
        protected String describe() {
            return "StreamWriter.drain";
        }
    }

    @Override
    public String toString() {
        return "<StreamWriter " + transport + ">";
    }
}
