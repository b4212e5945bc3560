package org.awaitj.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.awaitj.EventLoop;

/**
 * Feeds a {@link StreamReader} from a blocking {@link InputStream} (a subprocess's stdout or stderr): process
 * pipes are not selectable in Java, so a daemon thread per pipe reads and hands each chunk to the loop
 * through {@link EventLoop#callSoonThreadsafe}. Flow control holds: when the reader pauses the transport
 * (its buffer went past twice its limit), or too many chunks are in flight to the loop, the thread stops
 * reading, and the child blocks on a full pipe as it would under asyncio. It has no writing half, hence
 * no {@link Transport}: the thread closes the stream when it ends.
 */
final class PipeReadTransport implements ReadControl, Runnable {
    private static final System.Logger LOG = System.getLogger("org.awaitj");
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_IN_FLIGHT = 4 * CHUNK;

    private final EventLoop loop;
    private final InputStream in;
    private final StreamReader reader;
    private final String name;
    private final Object lock = new Object();
    private boolean paused;         // guarded by lock
    private int inFlight;           // guarded by lock: bytes handed to the loop, not yet fed

    PipeReadTransport(EventLoop loop, InputStream in, StreamReader reader, String name) {
        this.loop = loop;
        this.in = in;
        this.reader = reader;
        this.name = name;
        reader.setTransport(this);
    }

    void start() {
        Thread t = new Thread(this, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        byte[] buf = new byte[CHUNK];
        try {
            for (;;) {
                synchronized (lock) {
                    while (paused || inFlight > MAX_IN_FLIGHT) {
                        lock.wait();
                    }
                }
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    // the stream was closed under us (the process was killed): that is its end
                    LOG.log(System.Logger.Level.DEBUG, () -> name + ": " + e);
                    n = -1;
                }
                if (n < 0) {
                    loop.callSoonThreadsafe(reader::feedEof);
                    return;
                }
                if (n == 0) {
                    continue;
                }
                byte[] chunk = Arrays.copyOf(buf, n);
                synchronized (lock) {
                    inFlight += n;
                }
                loop.callSoonThreadsafe(() -> {
                    synchronized (lock) {
                        inFlight -= chunk.length;
                        lock.notifyAll();
                    }
                    reader.feedData(chunk);
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException loopClosed) {
            // nobody is left to read: stop
        } finally {
            try {
                in.close();
            } catch (IOException ignored) {
                // done with it
            }
        }
    }

    @Override
    public void pauseReading() {
        synchronized (lock) {
            paused = true;
        }
    }

    @Override
    public void resumeReading() {
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    @Override
    public String toString() {
        return "<PipeReadTransport " + name + ">";
    }
}
