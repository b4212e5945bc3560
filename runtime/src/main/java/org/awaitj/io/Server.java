package org.awaitj.io;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;

/**
 * A listening server, as {@link AsyncIO#startServer}, {@link AsyncIO#startUnixServer} and
 * {@code LoopGroup.startServer} return it: asyncio's {@code Server}. It accepts connections from the moment
 * it is started; each one runs the {@link ConnectionHandler} as a task of its own. A handler that fails is
 * logged (System.Logger "org.awaitj") and its connection closed; the server goes on.
 *
 * <p>{@link #close()} stops listening and leaves the open connections to their handlers;
 * {@link #waitClosed()} then waits until every one of them is closed too (asyncio 3.12), and
 * {@link #closeClients()} closes them (asyncio 3.13). The server of one event loop is used from that loop's
 * thread only; the server of a {@code LoopGroup} may be used from any thread.
 */
public abstract sealed class Server permits Listener, GroupServer {
    Server() {
    }

    /**
     * What {@link AsyncIO#startServer} does: binds once awaited; {@code host} null listens on every interface,
     * {@code ssl} null serves plain TCP.
     */
    public static Coroutine<Server> start(ConnectionHandler handler, String host, int port, SSLContext ssl) {
        return Listener.open(handler, host, port, ssl);
    }

    /** What {@link AsyncIO#startUnixServer} does. */
    public static Coroutine<Server> startUnix(ConnectionHandler handler, Path path) {
        return Listener.openUnix(handler, path);
    }

    /**
     * What {@code LoopGroup.startServer} does (call that): serves {@code host:port} from every loop of
     * {@code loops}, which must be running on other threads than the caller's; returns once each listens.
     */
    public static Server startOnLoops(List<EventLoop> loops, ConnectionHandler handler, String host, int port,
            SSLContext ssl) throws IOException {
        return GroupServer.start(loops, handler, host, port, ssl, GroupServer.kernelBalancesReusePort());
    }

    /** The port the server listens on (the one picked for port 0); -1 for a Unix domain socket. */
    public abstract int port();

    /** The address the server listens on: an {@code InetSocketAddress}, or a {@code UnixDomainSocketAddress}. */
    public abstract SocketAddress address();

    /** True until {@link #close()}. */
    public abstract boolean isServing();

    /** How many accepted connections are still open. */
    public abstract int activeConnections();

    /**
     * Serves until the server is closed: returns when {@link #close()} is called; cancelling the awaiting
     * task closes the server (then the cancellation propagates).
     *
     * @throws IllegalStateException if the server is closed, or another task already serves it forever
     */
    public abstract Coroutine<Void> serveForever() throws IOException;

    /**
     * Stops listening: no more connections are accepted, the listening socket is closed (a Unix socket's file
     * is removed); the connections already accepted stay open. A {@link #serveForever()} returns.
     */
    public abstract void close();

    /** Closes every connection the server accepted (their buffered bytes are sent first). */
    public abstract void closeClients();

    /** Drops every connection the server accepted at once. */
    public abstract void abortClients();

    /** Waits until the server is closed and every connection it accepted is closed too. */
    public abstract Coroutine<Void> waitClosed() throws IOException;
}
