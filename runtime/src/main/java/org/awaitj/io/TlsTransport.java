package org.awaitj.io;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

import org.awaitj.EventLoop;
import org.awaitj.Future;
import org.awaitj.Handle;

/**
 * TLS over another transport, through an {@link SSLEngine}: asyncio's {@code SSLProtocol}. It is the
 * {@link Protocol} of the socket transport below (encrypted bytes) and the {@link Transport} of the
 * application's protocol above (plain bytes), which it connects only once the handshake is done. The
 * {@link TlsEngine} does the encrypting and decrypting.
 *
 * <p>Delegated engine tasks (certificate checks, key exchange) run inline on the loop thread: they take
 * milliseconds, about what asyncio's {@code SSLObject} costs the loop too. The handshake must end within
 * 60 seconds (asyncio's {@code ssl_handshake_timeout}). TLS has no half-close here, as in asyncio: EOF from
 * the peer, or its close_notify, closes the connection.
 *
 * <p>Started over a connection that is already up (STARTTLS), it is an upgrade: the application's protocol
 * was told of the connection long ago, so it is not told again when the handshake is done, and it hears of
 * a loss even during the handshake.
 */
final class TlsTransport implements Transport, Protocol {
    private static final System.Logger LOG = System.getLogger("org.awaitj");
    private static final double HANDSHAKE_TIMEOUT = 60.0;

    private final EventLoop loop;
    private final TlsEngine engine;
    private final Protocol app;
    /** Started over a connection the application already uses: see the class comment. */
    private final boolean upgrade;
    private final Future<Void> handshake;
    private Transport socket;
    private Handle handshakeTimer;
    private boolean handshakeDone;
    private boolean closing;
    private boolean inboundClosed;
    private boolean eofDelivered;
    private boolean lost;
    private Throwable error;

    TlsTransport(EventLoop loop, SSLEngine engine, Protocol app) {
        this(loop, engine, app, false);
    }

    TlsTransport(EventLoop loop, SSLEngine engine, Protocol app, boolean upgrade) {
        this.loop = loop;
        this.engine = new TlsEngine(engine, records -> socket.write(records));
        this.app = app;
        this.upgrade = upgrade;
        this.handshake = loop.createFuture();
    }

    /** A client engine that sends {@code host} (SNI) and checks that the server's certificate names it. */
    static SSLEngine clientEngine(SSLContext ssl, String host, int port) {
        SSLEngine engine = ssl.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(params);
        return engine;
    }

    static SSLEngine serverEngine(SSLContext ssl) {
        SSLEngine engine = ssl.createSSLEngine();
        engine.setUseClientMode(false);
        return engine;
    }

    /** Completes when the handshake is done (the application is connected by then), fails if it fails. */
    Future<Void> handshake() {
        return handshake;
    }

    // ---- Protocol: events of the socket below ----

    @Override
    public void connectionMade(Transport transport) {
        socket = transport;
        handshakeTimer = loop.callLater(HANDSHAKE_TIMEOUT, () -> {
            if (!handshakeDone) {
                fatal(new SSLHandshakeException("the TLS handshake did not complete within " + HANDSHAKE_TIMEOUT + " seconds"));
            }
        });
        try {
            engine.beginHandshake();
            pump();
        } catch (SSLException | RuntimeException e) {
            fatal(e);
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (lost || inboundClosed) {
            return;
        }
        engine.received(data);
        try {
            pump();
        } catch (SSLException | RuntimeException e) {
            fatal(e);
        }
    }

    @Override
    public boolean eofReceived() {
        if (!handshakeDone) {
            fatal(new SSLHandshakeException("the peer closed the connection during the TLS handshake"));
            return false;
        }
        if (!inboundClosed) {
            inboundClosed = true;
            try {
                engine.closeInbound();      // no close_notify first: a truncation, but EOF is what the peer said
            } catch (SSLException ignored) {
                // see above
            }
        }
        deliverEof();
        return false;
    }

    @Override
    public void connectionLost(Throwable e) {
        lost = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
        }
        Throwable cause = e != null ? e : error;
        if (!handshake.isDone()) {
            handshake.setException(cause != null ? cause
                    : new SSLHandshakeException("the connection was lost during the TLS handshake"));
        }
        if (handshakeDone || upgrade) {
            app.connectionLost(cause);
        }
    }

    @Override
    public void pauseWriting() {
        if (handshakeDone || upgrade) {
            app.pauseWriting();
        }
    }

    @Override
    public void resumeWriting() {
        if (handshakeDone || upgrade) {
            app.resumeWriting();
        }
    }

    // ---- the engine ----

    /** Runs the engine as far as the bytes at hand allow: handshake steps, then unwrapping application data. */
    private void pump() throws SSLException {
        for (;;) {
            HandshakeStatus hs = engine.handshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                engine.runDelegatedTasks();
                continue;
            }
            if (hs == HandshakeStatus.NEED_WRAP) {
                if (engine.wrap()) {
                    continue;
                }
                break;
            }
            if (!handshakeDone && hs == HandshakeStatus.NOT_HANDSHAKING) {
                handshakeCompleted();
                if (lost) {
                    return;
                }
            }
            if (!unwrap()) {
                break;
            }
        }
        deliverData();
        if (inboundClosed && !eofDelivered) {
            deliverEof();
            close();        // the peer's close_notify: answer it and close
        }
    }

    /** One unwrap; true when it made progress. */
    private boolean unwrap() throws SSLException {
        if (inboundClosed || !engine.hasInput()) {
            return false;
        }
        switch (engine.unwrap(handshakeDone)) {
            case FULL:
                deliverData();
                return true;
            case CLOSED:
                inboundClosed = true;
                return true;
            case PROGRESS:
                return true;
            default:
                return false;
        }
    }

    private void handshakeCompleted() {
        handshakeDone = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
        }
        if (!upgrade) {
            app.connectionMade(this);
        }
        if (!handshake.isDone()) {
            handshake.setResult(null);
        }
    }

    private void deliverData() {
        if (engine.hasPlain() && handshakeDone && !lost) {
            app.dataReceived(engine.plain());
            engine.plainTaken();
        }
    }

    private void deliverEof() {
        if (eofDelivered || !handshakeDone) {
            return;
        }
        eofDelivered = true;
        deliverData();
        app.eofReceived();      // its answer does not matter: TLS closes
    }

    private void fatal(Throwable e) {
        LOG.log(System.Logger.Level.DEBUG, () -> "TLS failure on " + this + ": " + e);
        if (error == null) {
            error = e;
        }
        if (socket != null) {
            socket.abort();
        } else if (!handshake.isDone()) {
            handshake.setException(e);
        }
    }

    // ---- Transport: what the application above uses ----

    @Override
    public void write(byte[] data, int from, int length) {
        if (closing || lost || length == 0) {
            return;
        }
        try {
            engine.wrap(data, from, length);
        } catch (SSLException | RuntimeException e) {
            fatal(e);
        }
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("TLS connections do not support half-close");
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (socket == null) {
            return;
        }
        if (handshakeDone && !lost) {
            engine.closeOutbound();
            try {
                while (engine.handshakeStatus() == HandshakeStatus.NEED_WRAP && engine.wrap()) {
                    // sends close_notify
                }
            } catch (SSLException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "TLS close_notify failed on " + this + ": " + e);
            }
        }
        socket.close();
    }

    @Override
    public void abort() {
        closing = true;
        if (socket != null) {
            socket.abort();
        }
    }

    @Override
    public boolean isClosing() {
        return closing || lost || (socket != null && socket.isClosing());
    }

    @Override
    public void pauseReading() {
        socket.pauseReading();
    }

    @Override
    public void resumeReading() {
        socket.resumeReading();
    }

    @Override
    public long writeBufferSize() {
        return socket == null ? 0 : socket.writeBufferSize();
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        socket.setWriteBufferLimits(high, low);
    }

    @Override
    public SocketAddress localAddress() {
        return socket == null ? null : socket.localAddress();
    }

    @Override
    public SocketAddress remoteAddress() {
        return socket == null ? null : socket.remoteAddress();
    }

    @Override
    public String toString() {
        return "<TlsTransport " + (handshakeDone ? engine.protocol() : "handshaking") + " over " + socket + ">";
    }
}
