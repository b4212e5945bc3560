package org.awaitj.io;

import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Future;
import org.awaitj.Task;

/**
 * The protocol between a transport and a {@link StreamReader}/{@link StreamWriter} pair: asyncio's
 * {@code StreamReaderProtocol} with its {@code FlowControlMixin}. It feeds the reader, keeps the writer's
 * drain waiters (writing paused above the transport's high-water mark), and resolves {@code waitClosed}.
 *
 * <p>On the server side it also starts the connection's handler as a task once the connection is made.
 */
final class StreamProtocol implements Protocol {
    private static final System.Logger LOG = System.getLogger("org.awaitj");

    private final EventLoop loop;
    private final StreamReader reader;     // null for a write-only pipe (a subprocess's stdin)
    private final ConnectionHandler handler;    // null on the client side
    private Transport transport;
    private StreamWriter writer;
    private boolean paused;
    private boolean lost;
    private Throwable lostError;
    private final List<Future<Void>> drainWaiters = new ArrayList<>(1);
    private final Future<Void> closed;

    StreamProtocol(EventLoop loop, StreamReader reader, ConnectionHandler handler) {
        this.loop = loop;
        this.reader = reader;
        this.handler = handler;
        this.closed = loop.createFuture();
    }

    StreamWriter writer() {
        return writer;
    }

    /** The connection goes on over {@code t} (TLS started over the old one): asyncio's {@code _replace_transport}. */
    void replaceTransport(Transport t) {
        transport = t;
        if (reader != null) {
            reader.setTransport(t);
        }
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        if (reader != null) {
            reader.setTransport(t);
        }
        writer = new StreamWriter(t, this, reader);
        if (handler != null) {
            startHandler();
        }
    }

    private void startHandler() {
        Coroutine<?> coro;
        try {
            coro = handler.handle(reader, writer);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.ERROR, "Unhandled exception in client connection handler for " + transport, e);
            transport.close();
            return;
        }
        if (coro == null) {
            LOG.log(System.Logger.Level.ERROR, "the connection handler returned null rather than a coroutine; closing "
                    + transport);
            transport.close();
            return;
        }
        Transport t = transport;
        Task<?> task = loop.createTask(coro, "connection " + t.remoteAddress());
        task.addDoneCallback(done -> {
            if (done.isCancelled()) {
                t.close();
                return;
            }
            Throwable e = done.exception();
            if (e != null) {
                LOG.log(System.Logger.Level.ERROR, "Unhandled exception in client connection handler " + done
                        + " for " + t, e);
                t.close();
            }
        });
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        reader.feedData(data);
    }

    @Override
    public boolean eofReceived() {
        reader.feedEof();
        return true;    // keep the sending side open: the peer half-closed (TLS transports close anyway)
    }

    @Override
    public void connectionLost(Throwable error) {
        lost = true;
        lostError = error;
        if (reader != null) {
            if (error == null) {
                reader.feedEof();
            } else {
                reader.setException(error);
            }
        }
        if (!closed.isDone()) {
            if (error == null) {
                closed.setResult(null);
            } else {
                closed.setException(error);
                closed.exception();     // retrieved: an unawaited waitClosed is not an unhandled error
            }
        }
        if (paused) {
            wakeDrainWaiters(error);
        }
    }

    @Override
    public void pauseWriting() {
        paused = true;
    }

    @Override
    public void resumeWriting() {
        paused = false;
        wakeDrainWaiters(null);
    }

    /** Ends every drain that waits: they return, or throw {@code error} when there is one. */
    private void wakeDrainWaiters(Throwable error) {
        for (Future<Void> w : drainWaiters) {
            if (!w.isDone()) {
                if (error == null) {
                    w.setResult(null);
                } else {
                    w.setException(error);
                }
            }
        }
        drainWaiters.clear();
    }

    /** Writing is paused: a drain must wait. */
    boolean isPaused() {
        return paused;
    }

    boolean isLost() {
        return lost;
    }

    /** What a drain throws once the connection is lost: its error, else asyncio's "Connection lost". */
    Throwable lostError() {
        return lostError != null ? lostError : new SocketException("Connection lost");
    }

    /** A future that completes when writing resumes (or fails when the connection is lost). */
    Future<Void> drainWaiter() {
        Future<Void> w = loop.createFuture();
        drainWaiters.removeIf(Future::isDone);
        drainWaiters.add(w);
        return w;
    }

    Future<Void> closedFuture() {
        return closed;
    }
}
