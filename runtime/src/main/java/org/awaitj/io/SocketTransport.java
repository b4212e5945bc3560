package org.awaitj.io;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import org.awaitj.EventLoop;
import org.awaitj.internal.CoroutineSupport;

/**
 * A {@link Transport} over a connected, non-blocking {@link SocketChannel} watched by the loop's selector:
 * asyncio's {@code _SelectorSocketTransport}.
 *
 * <p>Reading: each readiness reads once into the loop's shared direct buffer and hands a copy to the
 * protocol. Writing: {@link #write} sends at once when nothing is buffered; what the kernel does not take is
 * copied into the {@link SocketWriteBuffer}, which the loop flushes as the socket becomes writable.
 */
final class SocketTransport extends FlowControlTransport {
    private static final System.Logger LOG = System.getLogger("org.awaitj");

    private final EventLoop loop;
    private final SocketChannel channel;
    private final Runnable readReady = this::readReady;
    private final Runnable writeReady = this::writeReady;
    private final SocketWriteBuffer buffer = new SocketWriteBuffer();
    private boolean readingPaused;
    private boolean eofReceived;
    private boolean eofWritten;
    private boolean closing;
    /** 0 while the connection is up; counts writes attempted after it was lost (asyncio's {@code _conn_lost}). */
    private int connLost;
    /** The listener that accepted this connection, told when it ends; null on the client side. */
    private Listener server;

    SocketTransport(EventLoop loop, SocketChannel channel, Protocol protocol) {
        super(protocol);
        this.loop = loop;
        this.channel = channel;
    }

    /** Tells the protocol the connection is made and starts reading. */
    void start(Listener owner) {
        this.server = owner;
        if (owner != null) {
            owner.attach(this);
        }
        protocol.connectionMade(this);
        if (!closing && !readingPaused) {
            watchReads();
        }
    }

    private void watchReads() {
        try {
            loop.addReader(channel, readReady);
        } catch (IOException e) {
            fatalError(e);
        }
    }

    private void readReady() {
        if (connLost != 0) {
            return;
        }
        ByteBuffer buf = CoroutineSupport.ioBuffer(loop);
        buf.clear();
        int n;
        try {
            n = channel.read(buf);
        } catch (IOException e) {
            fatalError(e);
            return;
        }
        if (n > 0) {
            protocol.dataReceived(buf.flip());
        } else if (n < 0) {
            readEof();
        }
    }

    private void readEof() {
        eofReceived = true;
        loop.removeReader(channel);
        boolean keepOpen;
        try {
            keepOpen = protocol.eofReceived();
        } catch (RuntimeException e) {
            fatalError(e);
            return;
        }
        if (!keepOpen) {
            close();
        }
    }

    @Override
    public void write(byte[] data, int from, int length) {
        if (eofWritten) {
            throw new IllegalStateException("write() after writeEof(): the sending side is closed");
        }
        if (length == 0) {
            return;
        }
        if (connLost != 0 || closing) {
            if (++connLost >= 5 && connLost % 100 == 5) {
                LOG.log(System.Logger.Level.WARNING, "write() on a closed connection " + this + " ignored");
            }
            return;
        }
        int offset = from;
        int to = from + length;
        if (buffer.isEmpty()) {
            try {
                offset = SocketWriteBuffer.send(channel, data, from, to);
                if (offset == to) {
                    return;
                }
                loop.addWriter(channel, writeReady);
            } catch (IOException e) {
                fatalError(e);
                return;
            }
        }
        buffered(buffer.append(data, offset, to));
    }

    private void writeReady() {
        if (connLost != 0) {
            return;
        }
        long n;
        try {
            n = buffer.flush(channel);
        } catch (IOException e) {
            fatalError(e);      // drops the buffer
            return;
        }
        sent(n);
        if (buffer.isEmpty()) {
            loop.removeWriter(channel);
            if (closing) {
                callConnectionLost(null);
            } else if (eofWritten) {
                shutdownOutput();
            }
        }
    }

    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatalError(e);
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void writeEof() {
        if (closing || eofWritten) {
            return;
        }
        eofWritten = true;
        if (buffer.isEmpty()) {
            shutdownOutput();
        }
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        loop.removeReader(channel);
        if (buffer.isEmpty()) {
            connLost++;
            loop.callSoon(() -> callConnectionLost(null));
        }
    }

    @Override
    public void abort() {
        forceClose(null);
    }

    private void fatalError(Throwable error) {
        Throwable e = asSocketException(error);
        if (e instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, () -> "connection " + this + " failed: " + e);
        } else {
            LOG.log(System.Logger.Level.ERROR, "fatal error on " + this, e);
        }
        forceClose(e);
    }

    /**
     * NIO reports a reset met in a read as {@link SocketException} but one met in a write ("Connection reset
     * by peer", "Broken pipe") as a plain IOException: both become SocketExceptions, so that one catch does.
     */
    private static Throwable asSocketException(Throwable e) {
        if (e.getClass() == IOException.class) {
            SocketException s = new SocketException(e.getMessage());
            s.initCause(e);
            return s;
        }
        return e;
    }

    private void forceClose(Throwable e) {
        if (connLost != 0) {
            return;
        }
        if (!buffer.isEmpty()) {
            buffer.clear();
            dropBuffer();
            loop.removeWriter(channel);
        }
        if (!closing) {
            closing = true;
            loop.removeReader(channel);
        }
        connLost++;
        loop.callSoon(() -> callConnectionLost(e));
    }

    private void callConnectionLost(Throwable e) {
        if (connLost == 0) {
            connLost = 1;
        }
        try {
            protocol.connectionLost(e);
        } finally {
            try {
                channel.close();    // also cancels the selector key
            } catch (IOException ignored) {
                // nothing left to do
            }
            if (server != null) {
                server.detach(this);
                server = null;
            }
        }
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void pauseReading() {
        if (closing || readingPaused) {
            return;
        }
        readingPaused = true;
        loop.removeReader(channel);
    }

    @Override
    public void resumeReading() {
        if (closing || !readingPaused) {
            return;
        }
        readingPaused = false;
        if (!eofReceived) {
            watchReads();
        }
    }

    @Override
    public SocketAddress localAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public SocketAddress remoteAddress() {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "<SocketTransport " + (channel.isOpen() ? "local=" + localAddress() + " remote=" + remoteAddress() : "closed")
                + (closing ? " closing" : "") + " buffered=" + writeBufferSize() + ">";
    }
}
