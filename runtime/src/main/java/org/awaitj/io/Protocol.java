package org.awaitj.io;

import java.nio.ByteBuffer;

/**
 * What a {@link Transport} calls as bytes and events arrive, like asyncio's {@code Protocol}: always on the
 * loop thread, in the order the events happened.
 */
interface Protocol {
    /** The connection is up (for TLS: the handshake is done); {@code transport} carries it from now on. */
    void connectionMade(Transport transport);

    /**
     * Bytes from the peer, between the buffer's position and limit. The buffer is the transport's and is
     * reused for the next read: it is valid during the call only, so what the protocol keeps it copies.
     */
    void dataReceived(ByteBuffer data);

    /**
     * The peer will send no more (it half-closed, or TLS close_notify). Return true to keep the connection
     * open for writing; false lets the transport close itself.
     */
    boolean eofReceived();

    /** The connection is gone: {@code error} is null after an orderly close, else what broke it. Called once. */
    void connectionLost(Throwable error);

    /** The transport's write buffer went over its high-water mark. */
    void pauseWriting();

    /** The transport's write buffer drained to its low-water mark. */
    void resumeWriting();
}
