package org.awaitj.io;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.util.concurrent.LinkedBlockingQueue;

import org.awaitj.EventLoop;

/**
 * A {@link Transport} over a blocking {@link OutputStream} (a subprocess's stdin): {@link #write} queues a
 * copy and never blocks; a daemon thread, started on the first write, writes the queue out and reports each
 * chunk back to the loop, which is how the buffer size, and with it {@code drain}'s back-pressure, stays exact.
 * Closing (or {@link #writeEof()}, the same thing for a pipe) closes the stream after what is queued.
 */
final class PipeWriteTransport extends FlowControlTransport {
    private static final Object CLOSE = new Object();

    private final EventLoop loop;
    private final OutputStream out;
    private final String name;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private Thread thread;
    private boolean closing;
    private boolean lost;

    PipeWriteTransport(EventLoop loop, OutputStream out, Protocol protocol, String name) {
        super(protocol);
        this.loop = loop;
        this.out = out;
        this.name = name;
    }

    @Override
    public void write(byte[] data, int from, int length) {
        if (closing || lost || length == 0) {
            return;
        }
        queue.add(java.util.Arrays.copyOfRange(data, from, from + length));
        startThread();
        buffered(length);
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
        if (!lost) {
            sent(n);
        }
    }

    private void lost(Throwable error) {
        if (lost) {
            return;
        }
        lost = true;
        closing = true;
        dropBuffer();
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
        dropBuffer();
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
    public SocketAddress localAddress() {
        return null;
    }

    @Override
    public SocketAddress remoteAddress() {
        return null;
    }

    @Override
    public String toString() {
        return "<PipeWriteTransport " + name + (closing ? " closing" : "") + " buffered=" + writeBufferSize() + ">";
    }
}
