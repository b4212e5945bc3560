package org.awaitj.io;

import org.awaitj.*;
import org.awaitj.internal.*;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * A {@link Transport} over a connected, non-blocking {@link SocketChannel} watched by the loop's selector:
 * asyncio's {@code _SelectorSocketTransport}.
 *
 * <p>Reading: each readiness reads once into the loop's shared direct buffer and hands a copy to the
 * protocol. Writing: {@link #write} sends at once when nothing is buffered; what the kernel does not take is
 * copied into the buffer, which the loop flushes as the socket becomes writable. Past the high-water mark the
 * protocol is paused; at the low-water mark it resumes.
 */
final class SocketTransport implements Transport {
    private static final System.Logger LOG = System.getLogger("org.awaitj");
    /** Most bytes handed to one write call: the JDK copies heap bytes through a cached direct buffer this big. */
    private static final int MAX_WRITE = 256 * 1024;
    /** Small writes made while bytes are buffered are coalesced into chunks of this size. */
    private static final int COALESCE = 16 * 1024;

    private final EventLoop loop;
    private final SocketChannel channel;
    private Protocol protocol;
    private final Runnable readReady = this::readReady;
    private final Runnable writeReady = this::writeReady;
    private final ArrayDeque<Chunk> buffer = new ArrayDeque<>();
    private long bufferSize;
    private int highWater = DEFAULT_HIGH_WATER;
    private int lowWater = DEFAULT_LOW_WATER;
    private boolean protocolPaused;
    private boolean readingPaused;
    private boolean eofReceived;
    private boolean eofWritten;
    private boolean closing;
    /** 0 while the connection is up; counts writes attempted after it was lost (asyncio's {@code _conn_lost}). */
    private int connLost;
    /** The server that accepted this connection, told when it ends; null on the client side. */
    private Server server;

    SocketTransport(EventLoop loop, SocketChannel channel, Protocol protocol) {
        this.loop = loop;
        this.channel = channel;
        this.protocol = protocol;
    }

    /** Tells the protocol the connection is made and starts reading. */
    void start(Server owner) {
        this.server = owner;
        if (owner != null) {
            owner.attach(this);
        }
        protocol.connectionMade(this);
        if (!closing && !readingPaused) {
            try {
                loop.addReader(channel, readReady);
            } catch (IOException e) {
                fatalError(e);
            }
        }
    }

    SocketChannel channel() {
        return channel;
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
            byte[] data = new byte[n];
            buf.flip();
            buf.get(data);
            protocol.dataReceived(data);
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
    public void write(byte[] data) {
        if (eofWritten) {
            throw new IllegalStateException("write() after writeEof(): the sending side is closed");
        }
        if (data.length == 0) {
            return;
        }
        if (connLost != 0 || closing) {
            if (++connLost >= 5 && connLost % 100 == 5) {
                LOG.log(System.Logger.Level.WARNING, "write() on a closed connection " + this + " ignored");
            }
            return;
        }
        int offset = 0;
        if (bufferSize == 0) {
            try {
                offset = send(data, 0, data.length);
            } catch (IOException e) {
                fatalError(e);
                return;
            }
            if (offset == data.length) {
                return;
            }
            try {
                loop.addWriter(channel, writeReady);
            } catch (IOException e) {
                fatalError(e);
                return;
            }
        }
        append(data, offset);
        maybePauseProtocol();
    }

    /** Writes as much of {@code data[from..to)} as the kernel takes now; returns the new offset. */
    private int send(byte[] data, int from, int to) throws IOException {
        while (from < to) {
            int len = Math.min(to - from, MAX_WRITE);
            int n = channel.write(ByteBuffer.wrap(data, from, len));
            from += n;
            if (n < len) {
                break;
            }
        }
        return from;
    }

    private void append(byte[] data, int offset) {
        int len = data.length - offset;
        Chunk tail = buffer.peekLast();
        if (tail != null && tail.coalescing && tail.data.length - tail.end >= len) {
            System.arraycopy(data, offset, tail.data, tail.end, len);
            tail.end += len;
        } else if (len < COALESCE / 2) {
            Chunk c = new Chunk(new byte[COALESCE], 0, 0, true);
            System.arraycopy(data, offset, c.data, 0, len);
            c.end = len;
            buffer.add(c);
        } else {
            byte[] copy = new byte[len];        // the caller may reuse its array
            System.arraycopy(data, offset, copy, 0, len);
            buffer.add(new Chunk(copy, 0, len, false));
        }
        bufferSize += len;
    }

    private void writeReady() {
        if (connLost != 0) {
            return;
        }
        try {
            while (bufferSize > 0) {
                Chunk c = buffer.peekFirst();
                int was = c.start;
                c.start = send(c.data, c.start, c.end);
                bufferSize -= c.start - was;
                if (c.start < c.end) {
                    break;      // the kernel is full
                }
                buffer.pollFirst();
            }
        } catch (IOException e) {
            loop.removeWriter(channel);
            buffer.clear();
            bufferSize = 0;
            fatalError(e);
            return;
        }
        maybeResumeProtocol();
        if (bufferSize == 0) {
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

    private void maybePauseProtocol() {
        if (!protocolPaused && bufferSize > highWater) {
            protocolPaused = true;
            try {
                protocol.pauseWriting();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "protocol.pauseWriting() failed on " + this, e);
            }
        }
    }

    private void maybeResumeProtocol() {
        if (protocolPaused && bufferSize <= lowWater) {
            protocolPaused = false;
            try {
                protocol.resumeWriting();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "protocol.resumeWriting() failed on " + this, e);
            }
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
        if (bufferSize == 0) {
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
        if (bufferSize == 0) {
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
        if (bufferSize > 0) {
            buffer.clear();
            bufferSize = 0;
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
            try {
                loop.addReader(channel, readReady);
            } catch (IOException e) {
                fatalError(e);
            }
        }
    }

    @Override
    public long writeBufferSize() {
        return bufferSize;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        if (high < low || low < 0) {
            throw new IllegalArgumentException("need 0 <= low <= high, got high=" + high + " low=" + low);
        }
        highWater = high;
        lowWater = low;
        maybePauseProtocol();
        maybeResumeProtocol();
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
                + (closing ? " closing" : "") + " buffered=" + bufferSize + ">";
    }

    private static final class Chunk {
        final byte[] data;
        int start;
        int end;
        final boolean coalescing;

        Chunk(byte[] data, int start, int end, boolean coalescing) {
            this.data = data;
            this.start = start;
            this.end = end;
            this.coalescing = coalescing;
        }
    }
}
