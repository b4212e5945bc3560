package org.awaitj.io;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Future;
import org.awaitj.internal.AwaitOperation;

/**
 * A listening socket, as {@link AsyncIO#startServer} returns it: asyncio's {@code Server}. It accepts
 * connections from the moment it is started; each one runs the {@link ConnectionHandler} as a task of its
 * own. A handler that fails is logged (System.Logger "org.awaitj") and its connection closed; the server
 * goes on.
 *
 * <p>{@link #close()} stops listening and leaves the open connections to their handlers;
 * {@link #waitClosed()} then waits until every one of them is closed too (asyncio 3.12), and
 * {@link #closeClients()} closes them (asyncio 3.13). Loop thread only.
 */
public final class Server {
    private static final System.Logger LOG = System.getLogger("org.awaitj");
    /** Listen backlog, and the most connections accepted per readiness. */
    static final int BACKLOG = 1024;
    private static final int ACCEPTS_PER_TURN = 100;

    private final EventLoop loop;
    private final ServerSocketChannel channel;
    private final ConnectionHandler handler;
    private final SSLContext ssl;
    private final InetSocketAddress address;
    private final Set<SocketTransport> active = new LinkedHashSet<>();
    private final List<Future<Void>> closeWaiters = new ArrayList<>();
    private Future<Void> servingForever;
    private boolean closed;

    private Server(EventLoop loop, ServerSocketChannel channel, ConnectionHandler handler, SSLContext ssl)
            throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        this.ssl = ssl;
        this.address = (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * What {@link AsyncIO#startServer} does: binds once awaited; {@code host} null listens on every interface,
     * {@code ssl} null serves plain TCP.
     */
    public static Coroutine<Server> start(ConnectionHandler handler, String host, int port, SSLContext ssl) {
        if (handler == null) {
            throw new NullPointerException("startServer needs a ConnectionHandler, as in (reader, writer) -> serve(reader, writer)");
        }
        Connector.checkPort(port);
        return new AwaitOperation<>("AsyncIO.startServer(" + host + ", " + port + ")", loop -> {
            Future<Server> result = loop.createFuture();
            Future<InetAddress[]> resolved = host == null ? null : Connector.resolve(loop, host);
            Consumer<Future<InetAddress[]>> bind = r -> {
                if (result.isDone()) {
                    return;
                }
                try {
                    InetSocketAddress at = r == null ? new InetSocketAddress(port) : new InetSocketAddress(r.result()[0], port);
                    result.setResult(bind(loop, at, handler, ssl));
                } catch (Throwable e) {
                    result.setException(e);
                }
            };
            if (resolved == null || resolved.isDone()) {
                bind.accept(resolved);
            } else {
                resolved.addDoneCallback(bind);
                result.addDoneCallback(f -> resolved.cancel());
            }
            return result;
        });
    }

    private static Server bind(EventLoop loop, InetSocketAddress at, ConnectionHandler handler, SSLContext ssl)
            throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            try {
                ch.bind(at, BACKLOG);
            } catch (BindException e) {
                BindException clear = new BindException("cannot listen on " + at + ": " + e.getMessage());
                clear.initCause(e);
                throw clear;
            }
            ch.configureBlocking(false);
            Server server = new Server(loop, ch, handler, ssl);
            loop.addReader(ch, server::acceptReady);
            return server;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private void acceptReady() {
        for (int i = 0; i < ACCEPTS_PER_TURN && !closed; i++) {
            SocketChannel c;
            try {
                c = channel.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // out of file descriptors, say: asyncio's answer is to stop accepting for a second
                LOG.log(System.Logger.Level.ERROR, "accept failed on " + this + "; not accepting for 1 second", e);
                loop.removeReader(channel);
                loop.callLater(1.0, () -> {
                    if (!closed) {
                        try {
                            loop.addReader(channel, this::acceptReady);
                        } catch (IOException again) {
                            LOG.log(System.Logger.Level.ERROR, "cannot accept again on " + this, again);
                        }
                    }
                });
                return;
            }
            if (c == null) {
                return;
            }
            try {
                c.configureBlocking(false);
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "dropping an accepted connection: " + e);
                try {
                    c.close();
                } catch (IOException ignored) {
                    // it is gone either way
                }
                continue;
            }
            accepted(c);
        }
    }

    private void accepted(SocketChannel c) {
        StreamProtocol protocol = new StreamProtocol(loop, new StreamReader(), handler);
        if (ssl == null) {
            new SocketTransport(loop, c, protocol).start(this);
            return;
        }
        SSLEngine engine = ssl.createSSLEngine();
        engine.setUseClientMode(false);
        TlsTransport tls = new TlsTransport(loop, engine, protocol);
        tls.handshake().addDoneCallback(h -> {
            if (!h.isCancelled() && h.exception() != null) {
                LOG.log(System.Logger.Level.DEBUG, () -> "TLS handshake failed on " + this + ": " + h.exception());
            }
        });
        new SocketTransport(loop, c, tls).start(this);
    }

    void attach(SocketTransport t) {
        active.add(t);
    }

    void detach(SocketTransport t) {
        active.remove(t);
        if (closed && active.isEmpty()) {
            wakeUpCloseWaiters();
        }
    }

    private void wakeUpCloseWaiters() {
        for (Future<Void> w : closeWaiters) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
        closeWaiters.clear();
    }

    /** The port the server listens on (the one picked for port 0). */
    public int port() {
        return address.getPort();
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return address;
    }

    /** True until {@link #close()}. */
    public boolean isServing() {
        return !closed;
    }

    /** How many accepted connections are still open. */
    public int activeConnections() {
        return active.size();
    }

    /**
     * Serves until the server is closed: returns when {@link #close()} is called; cancelling the awaiting
     * task closes the server (then the cancellation propagates).
     *
     * @throws IllegalStateException if the server is closed, or another task already serves it forever
     */
    public Coroutine<Void> serveForever() throws IOException {
        return new AwaitOperation<>("Server.serveForever", l -> {
            if (closed) {
                throw new IllegalStateException(this + " is closed");
            }
            if (servingForever != null) {
                throw new IllegalStateException(this + " is already being served forever");
            }
            Future<Void> f = loop.createFuture();
            f.addDoneCallback(done -> {
                if (done.isCancelled()) {
                    close();
                }
            });
            servingForever = f;
            return f;
        });
    }

    /**
     * Stops listening: no more connections are accepted, the listening socket is closed; the connections
     * already accepted stay open. A {@link #serveForever()} returns.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();    // cancels its selector key
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "closing " + channel + ": " + e);
        }
        Future<Void> f = servingForever;
        servingForever = null;
        if (f != null && !f.isDone()) {
            f.setResult(null);
        }
        if (active.isEmpty()) {
            wakeUpCloseWaiters();
        }
    }

    /** Closes every connection the server accepted (their buffered bytes are sent first). */
    public void closeClients() {
        for (SocketTransport t : new ArrayList<>(active)) {
            t.close();
        }
    }

    /** Drops every connection the server accepted at once. */
    public void abortClients() {
        for (SocketTransport t : new ArrayList<>(active)) {
            t.abort();
        }
    }

    /** Waits until the server is closed and every connection it accepted is closed too. */
    public Coroutine<Void> waitClosed() throws IOException {
        return new AwaitOperation<>("Server.waitClosed", l -> {
            Future<Void> w = loop.createFuture();
            if (closed && active.isEmpty()) {
                w.setResult(null);
            } else {
                closeWaiters.add(w);
            }
            return w;
        });
    }

    @Override
    public String toString() {
        return "<Server " + address + (ssl != null ? " TLS" : "") + (closed ? " closed" : " serving") + " connections="
                + active.size() + ">";
    }
}
