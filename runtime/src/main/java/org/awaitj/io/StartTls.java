package org.awaitj.io;

import java.net.InetSocketAddress;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Future;
import org.awaitj.internal.AwaitOperation;

/**
 * {@link StreamWriter#startTls}: slips a {@link TlsTransport} between the socket transport and the stream
 * protocol of a connection that is up, as asyncio's {@code loop.start_tls} does, and hands the writer and
 * reader over to it once the handshake is done.
 */
final class StartTls {
    private StartTls() {
    }

    /** As the client of {@code serverHostname}, or as the server when it is null. */
    static Coroutine<Void> start(StreamWriter writer, SSLContext ssl, String serverHostname) {
        Objects.requireNonNull(ssl, "startTls needs an SSLContext");
        return new AwaitOperation<>("StreamWriter.startTls", loop -> upgrade(loop, writer, ssl, serverHostname));
    }

    private static Future<Void> upgrade(EventLoop loop, StreamWriter writer, SSLContext ssl, String host) {
        Transport plain = writer.transport();
        if (!(plain instanceof SocketTransport socket)) {
            throw new UnsupportedOperationException(plain instanceof TlsTransport
                    ? "the connection is TLS already" : "startTls needs a socket connection, not " + plain);
        }
        if (socket.isClosing()) {
            throw new IllegalStateException("startTls on a closing connection: " + socket);
        }
        SSLEngine engine;
        if (host == null) {
            engine = TlsTransport.serverEngine(ssl);
        } else {
            int port = socket.remoteAddress() instanceof InetSocketAddress a ? a.getPort() : -1;
            engine = TlsTransport.clientEngine(ssl, host, port);
        }
        TlsTransport tls = new TlsTransport(loop, engine, writer.protocol(), true);
        Future<Void> result = loop.createFuture();
        writer.setUpgrading(true);
        socket.setProtocol(tls);
        tls.connectionMade(socket);     // the first handshake record goes after the plain bytes still buffered
        tls.handshake().addDoneCallback(h -> {
            writer.setUpgrading(false);
            if (result.isDone()) {
                return;     // cancelled: the connection is dropped already
            }
            if (h.exception() != null) {
                result.setException(h.exception());
            } else {
                writer.replaceTransport(tls);
                result.setResult(null);
            }
        });
        result.addDoneCallback(f -> {
            if (f.isCancelled()) {
                writer.setUpgrading(false);
                tls.abort();        // half a handshake leaves nothing usable, as in asyncio
            }
        });
        return result;
    }
}
