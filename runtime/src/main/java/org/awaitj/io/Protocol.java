package org.awaitj.io;

/**
 * What a {@link Transport} calls as bytes and events arrive, like asyncio's {@code Protocol}: always on the
 * loop thread, in the order the events happened.
 */
interface Protocol {
    /** The connection is up (for TLS: the handshake is done); {@code transport} carries it from now on. */
    void connectionMade(Transport transport);

    /** Bytes from the peer; the array belongs to the protocol. */
    void dataReceived(byte[] data);

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
