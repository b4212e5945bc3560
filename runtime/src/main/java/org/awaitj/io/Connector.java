package org.awaitj.io;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Future;
import org.awaitj.Handle;
import org.awaitj.internal.AwaitOperation;
import org.awaitj.internal.CoroutineSupport;

/**
 * {@link AsyncIO#openConnection} and {@link AsyncIO#openUnixConnection}: resolves the host (off the loop,
 * unless it is an IP literal), connects without blocking to its addresses until one accepts, then wraps the
 * channel in a socket transport (and TLS, whose handshake must finish before the connection is handed over).
 *
 * <p>Without a happy eyeballs delay the addresses are tried one after the other, each once the previous one
 * failed. With one (asyncio's {@code staggered_race}), the next attempt also starts when the delay has passed
 * since the last one started; the first attempt to connect wins and the others are closed. Cancelling the
 * awaiting task closes every half-open socket; nothing else is touched.
 */
final class Connector {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Events of the attempts, for tests: "attempt", "failed", "connected", "abandoned", with the address. */
    static final BiConsumer<String, SocketAddress> NO_EVENTS = (what, at) -> { };

    private final EventLoop loop;
    private final String target;        // host:port or the socket path, for messages
    private final String host;          // null for a Unix socket
    private final int port;
    private final ConnectOptions options;
    private final BiConsumer<String, SocketAddress> events;
    private final Future<Connection> result;
    private final List<IOException> errors = new ArrayList<>();
    /** Connects under way, oldest first. */
    private final List<Attempt> attempts = new ArrayList<>();
    private Future<InetAddress[]> resolving;
    private List<? extends SocketAddress> addresses;
    private int next;
    private Handle stagger;
    private SocketTransport transport;

    /** A non-blocking connect to one address. */
    private static final class Attempt {
        final SocketAddress at;
        SocketChannel channel;

        Attempt(SocketAddress at) {
            this.at = at;
        }
    }

    private Connector(EventLoop loop, String target, String host, int port, ConnectOptions options,
            BiConsumer<String, SocketAddress> events) {
        this.loop = loop;
        this.target = target;
        this.host = host;
        this.port = port;
        this.options = options;
        this.events = events;
        this.result = loop.createFuture();
    }

    static Coroutine<Connection> open(String host, int port, ConnectOptions options) {
        if (host == null) {
            throw new NullPointerException("openConnection needs a host, such as \"127.0.0.1\"");
        }
        checkPort(port);
        ConnectOptions o = options == null ? ConnectOptions.defaults() : options;
        return new AwaitOperation<>("AsyncIO.openConnection(" + host + ", " + port + ")", loop -> {
            Connector c = new Connector(loop, host + ":" + port, host, port, o, NO_EVENTS);
            c.resolving = resolve(loop, host);
            return c.start();
        });
    }

    /** Connects to the given addresses, in that order and without a lookup: for tests of the attempts. */
    static Coroutine<Connection> openAddresses(List<InetSocketAddress> addresses, ConnectOptions options,
            BiConsumer<String, SocketAddress> events) {
        return new AwaitOperation<>("Connector.openAddresses(" + addresses + ")", loop -> {
            Connector c = new Connector(loop, addresses.toString(), "localhost", -1, options, events);
            c.addresses = addresses;
            return c.start();
        });
    }

    static Coroutine<Connection> openUnix(Path path) {
        if (path == null) {
            throw new NullPointerException("openUnixConnection needs the path of the socket file");
        }
        return new AwaitOperation<>("AsyncIO.openUnixConnection(" + path + ")", loop -> {
            Connector c = new Connector(loop, path.toString(), null, -1, ConnectOptions.defaults(), NO_EVENTS);
            c.addresses = List.of(UnixDomainSocketAddress.of(path));
            return c.start();
        });
    }

    static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The host's addresses: at once for an IP literal, else looked up on the loop's default executor. */
    static Future<InetAddress[]> resolve(EventLoop loop, String host) {
        if (IPV4.matcher(host).matches() || host.indexOf(':') >= 0) {
            Future<InetAddress[]> f = loop.createFuture();
            try {
                f.setResult(new InetAddress[] {InetAddress.getByName(host)});   // a literal: no lookup
            } catch (IOException e) {
                f.setException(e);
            }
            return f;
        }
        return AsyncIO.runInExecutor(CoroutineSupport.defaultExecutor(loop), () -> InetAddress.getAllByName(host));
    }

    /**
     * asyncio's {@code _interleave_addrinfos}: {@code firstFamilyCount} addresses of the first family, then
     * one of each family in turn, so that a broken IPv6 (or IPv4) path does not hold up every attempt.
     */
    static List<InetAddress> interleave(InetAddress[] addresses, int firstFamilyCount) {
        Map<Class<?>, List<InetAddress>> byFamily = new LinkedHashMap<>();
        for (InetAddress a : addresses) {
            byFamily.computeIfAbsent(a.getClass(), k -> new ArrayList<>()).add(a);
        }
        List<List<InetAddress>> families = new ArrayList<>(byFamily.values());
        List<InetAddress> out = new ArrayList<>(addresses.length);
        List<InetAddress> first = families.get(0);
        for (int i = 0; i < firstFamilyCount - 1 && !first.isEmpty(); i++) {
            out.add(first.remove(0));
        }
        for (int i = 0; out.size() < addresses.length; i++) {
            for (List<InetAddress> family : families) {
                if (i < family.size()) {
                    out.add(family.get(i));
                }
            }
        }
        return out;
    }

    private Future<Connection> start() {
        result.addDoneCallback(f -> {
            if (f.isCancelled()) {
                abandon();
            }
        });
        if (resolving == null) {
            startNext();
        } else if (resolving.isDone()) {
            resolved(resolving);
        } else {
            resolving.addDoneCallback(this::resolved);
        }
        return result;
    }

    private void resolved(Future<InetAddress[]> f) {
        if (result.isDone()) {
            return;
        }
        InetAddress[] found;
        try {
            found = f.result();
        } catch (Throwable e) {
            result.setException(e);
            return;
        }
        List<InetAddress> ordered = options.interleave() > 0 ? interleave(found, options.interleave()) : List.of(found);
        List<InetSocketAddress> at = new ArrayList<>(ordered.size());
        for (InetAddress a : ordered) {
            at.add(new InetSocketAddress(a, port));
        }
        addresses = at;
        startNext();
    }

    /** Starts the attempt on the next address, if there is one; fails when none is left and none is under way. */
    private void startNext() {
        if (stagger != null) {
            stagger.cancel();
            stagger = null;
        }
        if (result.isDone()) {
            return;
        }
        if (next == addresses.size()) {
            if (attempts.isEmpty()) {
                result.setException(connectFailure());
            }
            return;
        }
        Attempt a = new Attempt(addresses.get(next++));
        events.accept("attempt", a.at);
        try {
            boolean unix = a.at instanceof UnixDomainSocketAddress;
            a.channel = unix ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            a.channel.configureBlocking(false);
            if (!unix) {
                a.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            if (a.channel.connect(a.at)) {
                won(a);
                return;
            }
            attempts.add(a);
            loop.addWriter(a.channel, () -> finishConnect(a));
        } catch (IOException e) {
            failed(a, e);
            return;
        }
        double delay = options.happyEyeballsDelay();
        if (!Double.isNaN(delay) && next < addresses.size()) {
            stagger = loop.callLater(delay, this::startNext);
        }
    }

    private void finishConnect(Attempt a) {
        if (result.isDone()) {
            return;
        }
        try {
            if (a.channel.finishConnect()) {
                loop.removeWriter(a.channel);
                attempts.remove(a);
                won(a);
            }
        } catch (IOException e) {
            failed(a, e);
        }
    }

    /** The attempt failed: the next one starts at once (asyncio's staggered race does not wait the delay). */
    private void failed(Attempt a, IOException e) {
        events.accept("failed", a.at);
        String where = a.at instanceof InetSocketAddress i ? i.getAddress().getHostAddress() + ":" + i.getPort() : target;
        ConnectException error = new ConnectException(where + ": " + e.getMessage());
        error.initCause(e);
        errors.add(error);
        attempts.remove(a);
        close(a);
        startNext();
    }

    private void won(Attempt a) {
        events.accept("connected", a.at);
        if (stagger != null) {
            stagger.cancel();
            stagger = null;
        }
        closeAttempts("abandoned");
        connected(a.channel);
    }

    private ConnectException connectFailure() {
        String what = "cannot connect to " + target + ": ";
        ConnectException e;
        if (errors.size() == 1) {
            Throwable cause = errors.get(0).getCause();
            e = new ConnectException(what + cause.getMessage());
            e.initCause(cause);
        } else {
            StringBuilder all = new StringBuilder(what).append("every address failed (");
            for (int i = 0; i < errors.size(); i++) {
                all.append(i == 0 ? "" : "; ").append(errors.get(i).getMessage());
            }
            e = new ConnectException(all.append(')').toString());
            for (IOException each : errors) {
                e.addSuppressed(each);
            }
        }
        return e;
    }

    private void connected(SocketChannel channel) {
        StreamReader reader = new StreamReader();
        StreamProtocol protocol = new StreamProtocol(loop, reader, null);
        if (options.ssl() == null) {
            transport = new SocketTransport(loop, channel, protocol);
            transport.start(null);
            result.setResult(new Connection(reader, protocol.writer()));
            return;
        }
        TlsTransport tls = new TlsTransport(loop, TlsTransport.clientEngine(options.ssl(), host, port), protocol);
        transport = new SocketTransport(loop, channel, tls);
        tls.handshake().addDoneCallback(h -> {
            if (result.isDone()) {
                return;     // cancelled meanwhile: abandon() dropped the connection
            }
            if (h.exception() != null) {
                result.setException(h.exception());
            } else {
                result.setResult(new Connection(reader, protocol.writer()));
            }
        });
        transport.start(null);
    }

    /** Cancelled: drop what this connector owns, and only that. */
    private void abandon() {
        if (resolving != null && !resolving.isDone()) {
            resolving.cancel();
        }
        if (stagger != null) {
            stagger.cancel();
        }
        closeAttempts("abandoned");
        if (transport != null) {
            transport.abort();      // the TLS handshake was under way
        }
    }

    private void closeAttempts(String event) {
        for (Attempt a : attempts) {
            events.accept(event, a.at);
            close(a);
        }
        attempts.clear();
    }

    private static void close(Attempt a) {
        if (a.channel != null) {
            Listener.closeQuietly(a.channel);   // also cancels its selector key
        }
    }
}
