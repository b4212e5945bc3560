package org.awaitj.io;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Future;
import org.awaitj.internal.AwaitOperation;
import org.awaitj.internal.CoroutineSupport;

/**
 * {@link AsyncIO#openConnection}: resolves the host (off the loop, unless it is an IP literal), connects
 * without blocking to each address in turn until one accepts, then wraps the channel in a socket transport
 * (and TLS, whose handshake must finish before the connection is handed over). Cancelling the awaiting task
 * closes the half-open socket; nothing else is touched.
 */
final class Connector {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final EventLoop loop;
    private final String host;
    private final int port;
    private final SSLContext ssl;
    private final Future<Connection> result;
    private final List<IOException> errors = new ArrayList<>();
    private Future<InetAddress[]> resolving;
    private InetAddress[] addresses;
    private int next;
    private SocketChannel channel;
    private SocketTransport transport;

    private Connector(EventLoop loop, String host, int port, SSLContext ssl) {
        this.loop = loop;
        this.host = host;
        this.port = port;
        this.ssl = ssl;
        this.result = loop.createFuture();
    }

    static Coroutine<Connection> open(String host, int port, SSLContext ssl) {
        if (host == null) {
            throw new NullPointerException("openConnection needs a host, such as \"127.0.0.1\"");
        }
        checkPort(port);
        return new AwaitOperation<>("AsyncIO.openConnection(" + host + ", " + port + ")",
                loop -> new Connector(loop, host, port, ssl).start());
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

    private Future<Connection> start() {
        result.addDoneCallback(f -> {
            if (f.isCancelled()) {
                abandon();
            }
        });
        resolving = resolve(loop, host);
        if (resolving.isDone()) {
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
        try {
            addresses = f.result();
        } catch (Throwable e) {
            result.setException(e);
            return;
        }
        tryNext();
    }

    private void tryNext() {
        if (result.isDone()) {
            abandon();
            return;
        }
        if (next == addresses.length) {
            result.setException(connectFailure());
            return;
        }
        InetSocketAddress at = new InetSocketAddress(addresses[next++], port);
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (channel.connect(at)) {
                connected();
            } else {
                loop.addWriter(channel, () -> finishConnect(at));
            }
        } catch (IOException e) {
            failed(at, e);
        }
    }

    private void finishConnect(InetSocketAddress at) {
        if (result.isDone()) {
            abandon();
            return;
        }
        try {
            if (channel.finishConnect()) {
                loop.removeWriter(channel);
                connected();
            }
        } catch (IOException e) {
            failed(at, e);
        }
    }

    private void failed(InetSocketAddress at, IOException e) {
        errors.add(new ConnectException(at.getAddress().getHostAddress() + ":" + port + ": " + e.getMessage()));
        errors.get(errors.size() - 1).initCause(e);
        closeChannel();
        tryNext();
    }

    private ConnectException connectFailure() {
        String what = "cannot connect to " + host + ":" + port + ": ";
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

    private void connected() {
        StreamReader reader = new StreamReader();
        StreamProtocol protocol = new StreamProtocol(loop, reader, null);
        if (ssl == null) {
            transport = new SocketTransport(loop, channel, protocol);
            channel = null;
            transport.start(null);
            result.setResult(new Connection(reader, protocol.writer()));
            return;
        }
        SSLEngine engine = ssl.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");     // check the certificate names this host
        engine.setSSLParameters(params);
        TlsTransport tls = new TlsTransport(loop, engine, protocol);
        transport = new SocketTransport(loop, channel, tls);
        channel = null;
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
        closeChannel();
        if (transport != null && result.isCancelled()) {
            transport.abort();
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();    // also cancels its selector key
            } catch (IOException ignored) {
                // closing a socket that never connected
            }
            channel = null;
        }
    }
}
