package org.awaitj.io;

import org.awaitj.*;
import org.awaitj.internal.*;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A {@link Transport} over a blocking {@link OutputStream} (a subprocess's stdin): {@link #write} queues a
 * copy and never blocks; a daemon thread, started on the first write, writes the queue out and reports each
 * chunk back to the loop, which is how the buffer size, and with it {@code drain}'s back-pressure, stays exact.
 * Closing (or {@link #writeEof()}, the same thing for a pipe) closes the stream after what is queued.
 */
final class PipeWriteTransport implements Transport {
    private static final Object CLOSE = new Object();

    private final EventLoop loop;
    private final OutputStream out;
    private final Protocol protocol;
    private final String name;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private Thread thread;
    private long bufferSize;
    private int highWater = DEFAULT_HIGH_WATER;
    private int lowWater = DEFAULT_LOW_WATER;
    private boolean protocolPaused;
    private boolean closing;
    private boolean lost;

    PipeWriteTransport(EventLoop loop, OutputStream out, Protocol protocol, String name) {
        this.loop = loop;
        this.out = out;
        this.protocol = protocol;
        this.name = name;
    }

    @Override
    public void write(byte[] data) {
        if (closing || lost || data.length == 0) {
            return;
        }
        queue.add(data.clone());
        bufferSize += data.length;
        startThread();
        if (!protocolPaused && bufferSize > highWater) {
            protocolPaused = true;
            protocol.pauseWriting();
        }
    }

    private void startThread() {
        if (thread == null) {
            thread = new Thread(this::pump, name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void pump() {
        Throwable error = null;
        try {
            for (;;) {
                Object o = queue.take();
                if (o == CLOSE) {
                    break;
                }
                byte[] data = (byte[]) o;
                out.write(data);
                out.flush();
                report(() -> written(data.length));
            }
        } catch (IOException e) {
            error = e;      // the child closed its end, or exited: a broken pipe
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // the pipe is gone either way
        }
        Throwable lostWith = error;
        report(() -> lost(lostWith));
    }

    private void report(Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
        } catch (IllegalStateException loopClosed) {
            // nobody is left to tell
        }
    }

    private void written(int n) {
        if (lost) {
            return;
        }
        bufferSize -= n;
        if (protocolPaused && bufferSize <= lowWater) {
            protocolPaused = false;
            protocol.resumeWriting();
        }
    }

    private void lost(Throwable error) {
        if (lost) {
            return;
        }
        lost = true;
        closing = true;
        bufferSize = 0;
        protocol.connectionLost(error);
    }

    /** The process exited: close the pipe once what is queued is written (or fails). */
    void processExited() {
        close();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void writeEof() {
        close();
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (thread == null) {
            try {
                out.close();        // nothing was ever written: close right here
            } catch (IOException ignored) {
                // the pipe is gone either way
            }
            loop.callSoon(() -> lost(null));
            return;
        }
        queue.add(CLOSE);
    }

    @Override
    public void abort() {
        queue.clear();
        bufferSize = 0;
        if (!closing) {
            close();
        } else if (thread != null) {
            queue.add(CLOSE);
        }
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void pauseReading() {
        throw new UnsupportedOperationException(name + " is a write pipe");
    }

    @Override
    public void resumeReading() {
        throw new UnsupportedOperationException(name + " is a write pipe");
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
    }

    @Override
    public SocketAddress localAddress() {
        return null;
    }

    @Override
    public SocketAddress remoteAddress() {
        return null;
    }

    @Override
    public String toString() {
        return "<PipeWriteTransport " + name + (closing ? " closing" : "") + " buffered=" + bufferSize + ">";
    }
}
