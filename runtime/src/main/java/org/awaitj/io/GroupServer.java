package org.awaitj.io;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Future;
import org.awaitj.internal.AwaitOperation;
import org.awaitj.internal.CoroutineSupport;

/**
 * The {@link Server} of a {@code LoopGroup}: one address served from every loop, each connection on one loop
 * for its whole life. Where the kernel balances {@code SO_REUSEPORT} (Linux), each loop has a listening socket
 * of its own on the same address and the kernel spreads the connections; elsewhere one loop accepts and hands
 * the connections round-robin to the loops. The per-loop parts are {@link Listener}s, each touched on its own
 * loop's thread only; this object may be used from any thread.
 */
final class GroupServer extends Server {
    /** How long the caller waits for a loop to open or close its listener; they answer in microseconds. */
    private static final long ANSWER_SECONDS = 30;

    private final List<EventLoop> loops;
    /** Each loop's listener, set on that loop's thread. */
    private final AtomicReferenceArray<Listener> members;
    /** Listeners not yet closed, or with connections left. */
    private final AtomicInteger open;
    private final InetSocketAddress address;
    private final boolean reusePort;
    private final boolean tls;
    private final AtomicBoolean servedForever = new AtomicBoolean();
    /** Completed by {@link #close()}: what {@link #serveForever()} waits for. */
    private final CompletableFuture<Void> closing = new CompletableFuture<>();
    /** Completed once every loop's listener is closed and has no connection left. */
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** The acceptor's round-robin position (its loop's thread only). */
    private int nextLoop;

    private GroupServer(List<EventLoop> loops, InetSocketAddress address, boolean reusePort, boolean tls) {
        this.loops = List.copyOf(loops);
        this.members = new AtomicReferenceArray<>(loops.size());
        this.open = new AtomicInteger(loops.size());
        this.address = address;
        this.reusePort = reusePort;
        this.tls = tls;
    }

    /**
     * Whether listeners sharing an address with SO_REUSEPORT share its connections: on Linux (3.9 and later);
     * the BSDs and macOS accept the option but give every connection to one socket, Windows lacks it.
     */
    static boolean kernelBalancesReusePort() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return false;
        }
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }

    /** With {@code reusePort} false, one acceptor on the first loop hands connections to the others. */
    static GroupServer start(List<EventLoop> loops, ConnectionHandler handler, String host, int port, SSLContext ssl,
            boolean reusePort) throws IOException {
        if (handler == null) {
            throw new NullPointerException("startServer needs a ConnectionHandler, as in (reader, writer) -> serve(reader, writer)");
        }
        Connector.checkPort(port);
        InetSocketAddress at = host == null ? new InetSocketAddress(port) : new InetSocketAddress(InetAddress.getByName(host), port);
        boolean sharing = reusePort && loops.size() > 1;
        List<ServerSocketChannel> sockets = new ArrayList<>();
        try {
            sockets.add(Listener.bindTcp(at, sharing));
            InetSocketAddress bound = (InetSocketAddress) sockets.get(0).getLocalAddress();
            while (sharing && sockets.size() < loops.size()) {
                sockets.add(Listener.bindTcp(bound, true));     // the port picked for port 0, for every loop
            }
            GroupServer server = new GroupServer(loops, bound, sharing, ssl != null);
            server.listen(sockets, handler, ssl);
            return server;
        } catch (IOException | RuntimeException e) {
            for (ServerSocketChannel s : sockets) {
                s.close();
            }
            throw e;
        }
    }

    /** Opens every loop's listener, on that loop's thread, and returns once all listen. */
    private void listen(List<ServerSocketChannel> sockets, ConnectionHandler handler, SSLContext ssl) throws IOException {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (int i = loops.size() - 1; i >= 0; i--) {   // the acceptor last: the others must be there to hand to
            int index = i;
            EventLoop loop = loops.get(i);
            ready.add(onLoop(loop, () -> {
                Listener l = index < sockets.size()
                        ? Listener.listen(loop, sockets.get(index), handler, ssl)
                        : Listener.serving(loop, handler, ssl, address);
                if (!reusePort && index == 0) {
                    l.dispatchTo(this::handOut);
                }
                members.set(index, l);
                l.whenClosed(this::listenerClosed);
            }));
        }
        try {
            for (CompletableFuture<Void> f : ready) {
                answer(f);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void listenerClosed() {
        if (open.decrementAndGet() == 0) {
            closed.complete(null);
        }
    }

    /** The acceptor's dispatch: the next loop in turn serves the connection; a loop that is gone is skipped. */
    private void handOut(SocketChannel c) {
        for (int tries = 0; tries < loops.size(); tries++) {
            int i = nextLoop;
            nextLoop = (nextLoop + 1) % loops.size();
            if (i == 0) {
                members.get(0).serve(c);
                return;
            }
            try {
                loops.get(i).callSoonThreadsafe(() -> members.get(i).serve(c));
                return;
            } catch (IllegalStateException loopClosed) {
                // try the next one
            }
        }
        Listener.closeQuietly(c);
    }

    /** Runs {@code action} on {@code loop}'s thread; the future completes when it has, with what it threw. */
    private static CompletableFuture<Void> onLoop(EventLoop loop, IoAction action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            loop.callSoonThreadsafe(() -> {
                try {
                    action.run();
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (IllegalStateException loopClosed) {
            done.completeExceptionally(loopClosed);
        }
        return done;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void answer(CompletableFuture<Void> f) throws IOException {
        try {
            f.get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a loop of the group did not answer within " + ANSWER_SECONDS
                    + " seconds: a step is holding it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the loops of the group", e);
        }
    }

    /** Runs {@code action} with each loop's listener on that loop; those of closed loops are skipped. */
    private List<CompletableFuture<Void>> onEachLoop(Consumer<Listener> action) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < loops.size(); i++) {
            int index = i;
            all.add(onLoop(loops.get(i), () -> {
                Listener l = members.get(index);
                if (l != null) {
                    action.accept(l);
                }
            }));
        }
        return all;
    }

    @Override
    public int port() {
        return address.getPort();
    }

    @Override
    public SocketAddress address() {
        return address;
    }

    @Override
    public boolean isServing() {
        return !closing.isDone();
    }

    @Override
    public int activeConnections() {
        int n = 0;
        for (int i = 0; i < members.length(); i++) {
            Listener l = members.get(i);
            n += l == null ? 0 : l.activeConnections();
        }
        return n;
    }

    @Override
    public Coroutine<Void> serveForever() throws IOException {
        return new AwaitOperation<>("Server.serveForever", loop -> {
            if (!isServing()) {
                throw new IllegalStateException(this + " is closed");
            }
            if (!servedForever.compareAndSet(false, true)) {
                throw new IllegalStateException(this + " is already being served forever");
            }
            Future<Void> f = CoroutineSupport.fromStage(closing, loop);
            f.addDoneCallback(done -> {
                if (done.isCancelled()) {
                    close();
                }
            });
            return f;
        });
    }

    /**
     * Stops listening on every loop. Called from a thread that runs no event loop, it returns once every
     * listening socket is closed; on a loop it cannot wait for the others, and returns at once.
     */
    @Override
    public void close() {
        if (!closing.complete(null)) {
            return;
        }
        List<CompletableFuture<Void>> done = onEachLoop(Listener::close);
        for (CompletableFuture<Void> f : done) {
            if (f.isCompletedExceptionally()) {
                listenerClosed();       // a loop that is gone closed its sockets with it, and serves nothing
            }
        }
        if (onAnEventLoop()) {
            return;
        }
        for (CompletableFuture<Void> f : done) {
            try {
                answer(f);
            } catch (IOException | IllegalStateException loopGone) {
                // see above
            }
        }
    }

    private static boolean onAnEventLoop() {
        try {
            AsyncIO.getRunningLoop();
            return true;
        } catch (IllegalStateException none) {
            return false;
        }
    }

    @Override
    public void closeClients() {
        onEachLoop(Listener::closeClients);
    }

    @Override
    public void abortClients() {
        onEachLoop(Listener::abortClients);
    }

    @Override
    public Coroutine<Void> waitClosed() throws IOException {
        return new AwaitOperation<>("Server.waitClosed", loop -> CoroutineSupport.fromStage(closed, loop));
    }

    @Override
    public String toString() {
        String how = reusePort
                ? "a SO_REUSEPORT listener on each loop, the kernel balancing"
                : loops.size() == 1 ? "one listener" : "one acceptor handing connections round-robin to the loops";
        return "<Server " + address + (tls ? " TLS" : "") + " on " + loops.size() + " loops (" + how + ")"
                + (isServing() ? " serving" : " closed") + " connections=" + activeConnections() + ">";
    }
}
