package org.awaitj.io;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * The {@link SSLEngine} of a {@link TlsTransport} with its buffers: encrypted bytes from the peer waiting to
 * be unwrapped, plain bytes unwrapped and not yet taken, and the records that wrapping produces, which go to
 * the socket as they are made. The transport decides when to run it. Loop thread only.
 */
final class TlsEngine {
    private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};

    /** How an unwrap went. */
    enum Unwrapped {
        /** It consumed or produced bytes: try again. */
        PROGRESS,
        /** It needs more bytes from the peer. */
        STALLED,
        /** The plain bytes fill their buffer: take them, then try again. */
        FULL,
        /** The peer's close_notify arrived. */
        CLOSED
    }

    private final SSLEngine engine;
    private final Consumer<byte[]> send;
    /** Encrypted bytes from the peer not yet unwrapped (write mode). */
    private ByteBuffer netIn;
    /** Plain bytes unwrapped, not yet taken (write mode). */
    private ByteBuffer appIn;
    /** Scratch for wrap. */
    private ByteBuffer netOut;

    /** An engine whose records go to {@code send}. */
    TlsEngine(SSLEngine engine, Consumer<byte[]> send) {
        this.engine = engine;
        this.send = send;
        SSLSession s = engine.getSession();
        netIn = ByteBuffer.allocate(s.getPacketBufferSize());
        appIn = ByteBuffer.allocate(s.getApplicationBufferSize());
        netOut = ByteBuffer.allocate(2 * s.getPacketBufferSize());
    }

    void beginHandshake() throws SSLException {
        engine.beginHandshake();
    }

    HandshakeStatus handshakeStatus() {
        return engine.getHandshakeStatus();
    }

    /** Runs the engine's delegated tasks (certificate checks, key exchange) here, on the loop thread. */
    void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** The protocol negotiated, such as "TLSv1.3". */
    String protocol() {
        return engine.getSession().getProtocol();
    }

    void closeInbound() throws SSLException {
        engine.closeInbound();
    }

    void closeOutbound() {
        engine.closeOutbound();
    }

    /** Buffers encrypted bytes from the peer, for {@link #unwrap}. */
    void received(ByteBuffer data) {
        if (netIn.remaining() < data.remaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.position() + Math.max(data.remaining(), netIn.capacity()));
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        netIn.put(data);
    }

    /** Whether encrypted bytes wait to be unwrapped. */
    boolean hasInput() {
        return netIn.position() > 0;
    }

    /**
     * One unwrap into the plain buffer. When that buffer is full it grows, unless {@code mayTake} and it holds
     * bytes: then {@link Unwrapped#FULL} asks the caller to {@link #plain()} them first.
     */
    Unwrapped unwrap(boolean mayTake) throws SSLException {
        netIn.flip();
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        switch (r.getStatus()) {
            case BUFFER_OVERFLOW:
                if (appIn.position() > 0 && mayTake) {
                    return Unwrapped.FULL;
                }
                appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                return Unwrapped.PROGRESS;
            case BUFFER_UNDERFLOW:
                int packet = engine.getSession().getPacketBufferSize();
                if (netIn.capacity() < packet) {
                    netIn = grow(netIn, packet);
                }
                return Unwrapped.STALLED;
            case CLOSED:
                return Unwrapped.CLOSED;
            default:
                return r.bytesConsumed() > 0 || r.bytesProduced() > 0 ? Unwrapped.PROGRESS : Unwrapped.STALLED;
        }
    }

    /** Whether plain bytes wait to be taken. */
    boolean hasPlain() {
        return appIn.position() > 0;
    }

    /** The plain bytes unwrapped so far, to read until {@link #plainTaken()}. */
    ByteBuffer plain() {
        return appIn.flip();
    }

    /** The plain bytes were taken: their buffer is empty again. */
    void plainTaken() {
        appIn.clear();
    }

    /** Wraps and sends what the engine has to say on its own (handshake and close messages); true on progress. */
    boolean wrap() throws SSLException {
        return wrap(NOTHING);
    }

    /** Wraps and sends application bytes. */
    void wrap(byte[] plain, int from, int length) throws SSLException {
        wrap(new ByteBuffer[] {ByteBuffer.wrap(plain, from, length)});
    }

    private boolean wrap(ByteBuffer[] src) throws SSLException {
        boolean progress = false;
        netOut.clear();
        for (;;) {
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                if (netOut.position() > 0) {
                    flush();      // full of records: send them, then go on
                } else {
                    netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2, engine.getSession().getPacketBufferSize()));
                }
                continue;
            }
            progress |= r.bytesConsumed() > 0 || r.bytesProduced() > 0;
            if (r.getStatus() == SSLEngineResult.Status.CLOSED || !hasRemaining(src)
                    || r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                flush();
                return progress;
            }
        }
    }

    private void flush() {
        if (netOut.position() > 0) {
            netOut.flip();
            byte[] out = new byte[netOut.remaining()];
            netOut.get(out);
            netOut.clear();
            send.accept(out);
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
}
