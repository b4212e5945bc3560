package org.awaitj.io;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Future;
import org.awaitj.internal.AwaitOperation;
import org.awaitj.internal.CoroutineSupport;

/**
 * The {@link Server} of one event loop: a listening TCP or Unix domain socket whose connections it serves.
 * In a {@link GroupServer} that hands connections out from one acceptor, the other loops have a listener
 * without a socket, which serves the connections handed to it. Loop thread only, except the getters.
 */
final class Listener extends Server {
    private static final System.Logger LOG = System.getLogger("org.awaitj");
    /** Listen backlog, and the most connections accepted per readiness. */
    static final int BACKLOG = 1024;
    private static final int ACCEPTS_PER_TURN = 100;

    private final EventLoop loop;
    private final ServerSocketChannel channel;      // null: serves only what another loop's acceptor hands it
    private final ConnectionHandler handler;
    private final SSLContext ssl;
    private final SocketAddress address;
    /** For a Unix socket: its file's identity when bound, so that close removes that file and no other. */
    private final Object socketFile;
    private final Set<SocketTransport> active = new LinkedHashSet<>();
    /** active.size(), for other threads (a group's server sums its loops'). */
    private volatile int activeCount;
    private final List<Runnable> closeWaiters = new ArrayList<>();
    /** What becomes of an accepted connection: served here, or handed to another loop by a group. */
    private Consumer<SocketChannel> dispatch = this::serve;
    private Future<Void> servingForever;
    private volatile boolean closed;

    private Listener(EventLoop loop, ServerSocketChannel channel, ConnectionHandler handler, SSLContext ssl,
            SocketAddress address, Object socketFile) {
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        this.ssl = ssl;
        this.address = address;
        this.socketFile = socketFile;
    }

    static Coroutine<Server> open(ConnectionHandler handler, String host, int port, SSLContext ssl) {
        checkHandler(handler);
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
                    result.setResult(listen(loop, bindTcp(at, false), handler, ssl));
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

    static Coroutine<Server> openUnix(ConnectionHandler handler, Path path) {
        checkHandler(handler);
        Objects.requireNonNull(path, "startUnixServer needs the path of the socket file");
        return new AwaitOperation<>("AsyncIO.startUnixServer(" + path + ")", loop -> {
            Future<Server> result = loop.createFuture();
            result.setResult(listen(loop, UnixSocketFile.bind(path), handler, null));
            return result;
        });
    }

    private static void checkHandler(ConnectionHandler handler) {
        if (handler == null) {
            throw new NullPointerException("startServer needs a ConnectionHandler, as in (reader, writer) -> serve(reader, writer)");
        }
    }

    /** A bound TCP listening socket; with {@code reusePort}, others may listen on the same address (SO_REUSEPORT). */
    static ServerSocketChannel bindTcp(InetSocketAddress at, boolean reusePort) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (reusePort) {
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            bind(ch, at);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    static void bind(ServerSocketChannel ch, SocketAddress at) throws IOException {
        try {
            ch.bind(at, BACKLOG);
        } catch (BindException e) {
            BindException clear = new BindException("cannot listen on " + at + ": " + e.getMessage());
            clear.initCause(e);
            throw clear;
        }
    }

    /** Serves the connections of a bound socket on {@code loop}, whose thread this must run on. */
    static Listener listen(EventLoop loop, ServerSocketChannel ch, ConnectionHandler handler, SSLContext ssl)
            throws IOException {
        try {
            SocketAddress at = ch.getLocalAddress();
            Object file = at instanceof UnixDomainSocketAddress u ? UnixSocketFile.identity(u.getPath()) : null;
            ch.configureBlocking(false);
            Listener listener = new Listener(loop, ch, handler, ssl, at, file);
            loop.addReader(ch, listener::acceptReady);
            return listener;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A listener without a socket: it serves the connections that {@link #serve} is handed, on {@code loop}. */
    static Listener serving(EventLoop loop, ConnectionHandler handler, SSLContext ssl, SocketAddress address) {
        return new Listener(loop, null, handler, ssl, address, null);
    }

    /** Hands each accepted connection to {@code dispatch} rather than serving it here; before accepting starts. */
    void dispatchTo(Consumer<SocketChannel> dispatch) {
        this.dispatch = dispatch;
    }

    private void acceptReady() {
        boolean inet = address instanceof InetSocketAddress;
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
                loop.callLater(1.0, this::acceptAgain);
                return;
            }
            if (c == null) {
                return;
            }
            try {
                c.configureBlocking(false);
                if (inet) {
                    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "dropping an accepted connection: " + e);
                closeQuietly(c);
                continue;
            }
            dispatch.accept(c);
        }
    }

    private void acceptAgain() {
        if (!closed) {
            try {
                loop.addReader(channel, this::acceptReady);
            } catch (IOException again) {
                LOG.log(System.Logger.Level.ERROR, "cannot accept again on " + this, again);
            }
        }
    }

    /** Serves an accepted, non-blocking connection on this listener's loop (its thread only). */
    void serve(SocketChannel c) {
        if (closed) {
            closeQuietly(c);    // handed over by an acceptor after this loop stopped serving
            return;
        }
        StreamProtocol protocol = new StreamProtocol(loop, new StreamReader(), handler);
        if (ssl == null) {
            new SocketTransport(loop, c, protocol).start(this);
            return;
        }
        TlsTransport tls = new TlsTransport(loop, TlsTransport.serverEngine(ssl), protocol);
        tls.handshake().addDoneCallback(h -> {
            if (!h.isCancelled() && h.exception() != null) {
                LOG.log(System.Logger.Level.DEBUG, () -> "TLS handshake failed on " + this + ": " + h.exception());
            }
        });
        new SocketTransport(loop, c, tls).start(this);
    }

    static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // it is gone either way
        }
    }

    void attach(SocketTransport t) {
        active.add(t);
        activeCount = active.size();
    }

    void detach(SocketTransport t) {
        active.remove(t);
        activeCount = active.size();
        if (closed && active.isEmpty()) {
            wakeUpCloseWaiters();
        }
    }

    /** Runs {@code r} once this listener is closed and has no connection left (at once if so already). */
    void whenClosed(Runnable r) {
        if (closed && active.isEmpty()) {
            r.run();
        } else {
            closeWaiters.add(r);
        }
    }

    private void wakeUpCloseWaiters() {
        List<Runnable> waiting = new ArrayList<>(closeWaiters);
        closeWaiters.clear();
        waiting.forEach(Runnable::run);
    }

    @Override
    public int port() {
        return address instanceof InetSocketAddress i ? i.getPort() : -1;
    }

    @Override
    public SocketAddress address() {
        return address;
    }

    @Override
    public boolean isServing() {
        return !closed;
    }

    @Override
    public int activeConnections() {
        return activeCount;
    }

    @Override
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

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (channel != null) {
            try {
                channel.close();    // cancels its selector key
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "closing " + channel + ": " + e);
            }
            // a registered channel's socket closes when its key leaves the selector: now, not at the next turn,
            // so that a server closed stops listening before close() returns
            CoroutineSupport.releaseClosedChannels(loop);
        }
        if (socketFile != null) {
            UnixSocketFile.removeIfSame(((UnixDomainSocketAddress) address).getPath(), socketFile, this);
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

    @Override
    public void closeClients() {
        for (SocketTransport t : new ArrayList<>(active)) {
            t.close();
        }
    }

    @Override
    public void abortClients() {
        for (SocketTransport t : new ArrayList<>(active)) {
            t.abort();
        }
    }

    @Override
    public Coroutine<Void> waitClosed() throws IOException {
        return new AwaitOperation<>("Server.waitClosed", l -> {
            Future<Void> w = loop.createFuture();
            whenClosed(() -> {
                if (!w.isDone()) {
                    w.setResult(null);
                }
            });
            return w;
        });
    }

    @Override
    public String toString() {
        return "<Server " + address + (address instanceof UnixDomainSocketAddress ? " (Unix)" : "")
                + (ssl != null ? " TLS" : "") + (closed ? " closed" : " serving") + " connections=" + activeCount + ">";
    }
}
