package org.awaitj.io;

import org.awaitj.*;
import org.awaitj.internal.*;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * TLS over another transport, through an {@link SSLEngine}: asyncio's {@code SSLProtocol}. It is the
 * {@link Protocol} of the socket transport below (encrypted bytes) and the {@link Transport} of the
 * application's protocol above (plain bytes), which it connects only once the handshake is done.
 *
 * <p>Delegated engine tasks (certificate checks, key exchange) run inline on the loop thread: they take
 * milliseconds, about what asyncio's {@code SSLObject} costs the loop too. The handshake must end within
 * 60 seconds (asyncio's {@code ssl_handshake_timeout}). TLS has no half-close here, as in asyncio: EOF from
 * the peer, or its close_notify, closes the connection.
 */
final class TlsTransport implements Transport, Protocol {
    private static final System.Logger LOG = System.getLogger("org.awaitj");
    static final double HANDSHAKE_TIMEOUT = 60.0;
    private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};

    private final EventLoop loop;
    private final SSLEngine engine;
    private final Protocol app;
    private final Future<Void> handshake;
    private Transport socket;
    /** Encrypted bytes from the peer not yet unwrapped (write mode). */
    private ByteBuffer netIn;
    /** Plain bytes unwrapped, not yet handed to the application (write mode). */
    private ByteBuffer appIn;
    /** Scratch for wrap. */
    private ByteBuffer netOut;
    private Handle handshakeTimer;
    private boolean handshakeDone;
    private boolean closing;
    private boolean inboundClosed;
    private boolean eofDelivered;
    private boolean lost;
    private Throwable error;

    TlsTransport(EventLoop loop, SSLEngine engine, Protocol app) {
        this.loop = loop;
        this.engine = engine;
        this.app = app;
        this.handshake = loop.createFuture();
        SSLSession s = engine.getSession();
        netIn = ByteBuffer.allocate(s.getPacketBufferSize());
        appIn = ByteBuffer.allocate(s.getApplicationBufferSize());
        netOut = ByteBuffer.allocate(2 * s.getPacketBufferSize());
    }

    /** Completes when the handshake is done (the application is connected by then), fails if it fails. */
    Future<Void> handshake() {
        return handshake;
    }

    SSLSession session() {
        return engine.getSession();
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
    public void dataReceived(byte[] data) {
        if (lost || inboundClosed) {
            return;
        }
        if (netIn.remaining() < data.length) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.position() + Math.max(data.length, netIn.capacity()));
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        netIn.put(data);
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
        if (handshakeDone) {
            app.connectionLost(cause);
        }
    }

    @Override
    public void pauseWriting() {
        if (handshakeDone) {
            app.pauseWriting();
        }
    }

    @Override
    public void resumeWriting() {
        if (handshakeDone) {
            app.resumeWriting();
        }
    }

    // ---- the engine ----

    /** Runs the engine as far as the bytes at hand allow: handshake steps, then unwrapping application data. */
    private void pump() throws SSLException {
        for (;;) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                continue;
            }
            if (hs == HandshakeStatus.NEED_WRAP) {
                if (wrap(NOTHING)) {
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
        if (inboundClosed || netIn.position() == 0) {
            return false;
        }
        netIn.flip();
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        switch (r.getStatus()) {
            case BUFFER_OVERFLOW:
                if (appIn.position() > 0 && handshakeDone) {
                    deliverData();
                } else {
                    appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                }
                return true;
            case BUFFER_UNDERFLOW:
                int packet = engine.getSession().getPacketBufferSize();
                if (netIn.capacity() < packet) {
                    netIn = grow(netIn, packet);
                }
                return false;
            case CLOSED:
                inboundClosed = true;
                return true;
            default:
                return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
        }
    }

    /** Wraps what {@code src} holds (nothing, for handshake and close messages) and sends it; true on progress. */
    private boolean wrap(ByteBuffer[] src) throws SSLException {
        boolean progress = false;
        netOut.clear();
        for (;;) {
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                if (netOut.position() > 0) {
                    flushNetOut();      // full of records: send them, then go on
                } else {
                    netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2, engine.getSession().getPacketBufferSize()));
                }
                continue;
            }
            progress |= r.bytesConsumed() > 0 || r.bytesProduced() > 0;
            if (r.getStatus() == SSLEngineResult.Status.CLOSED || !hasRemaining(src)
                    || r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                flushNetOut();
                return progress;
            }
        }
    }

    private void flushNetOut() {
        if (netOut.position() > 0 && socket != null) {
            netOut.flip();
            byte[] out = new byte[netOut.remaining()];
            netOut.get(out);
            netOut.clear();
            socket.write(out);
        }
    }

    private static boolean hasRemaining(ByteBuffer[] src) {
        for (ByteBuffer b : src) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, b.capacity() * 2));
        b.flip();
        bigger.put(b);
        return bigger;
    }

    private void handshakeCompleted() {
        handshakeDone = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
        }
        app.connectionMade(this);
        if (!handshake.isDone()) {
            handshake.setResult(null);
        }
    }

    private void deliverData() {
        if (appIn.position() == 0 || !handshakeDone || lost) {
            return;
        }
        appIn.flip();
        byte[] data = new byte[appIn.remaining()];
        appIn.get(data);
        appIn.clear();
        app.dataReceived(data);
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
    public void write(byte[] data) {
        if (closing || lost || data.length == 0) {
            return;
        }
        try {
            wrap(new ByteBuffer[] {ByteBuffer.wrap(data)});
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
                while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && wrap(NOTHING)) {
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
        return "<TlsTransport " + (handshakeDone ? engine.getSession().getProtocol() : "handshaking") + " over " + socket + ">";
    }
}
