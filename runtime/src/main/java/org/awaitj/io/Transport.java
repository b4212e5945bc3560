package org.awaitj.io;

import java.net.SocketAddress;

/**
 * A connection's byte pipe, like asyncio's {@code Transport}: {@link #write} never blocks (what the peer has
 * not taken yet is buffered, and the {@link Protocol} is told to pause writing past the high-water mark);
 * reading is pushed to the protocol until {@link #pauseReading()}. Loop thread only.
 */
interface Transport extends ReadControl {
    /** Sends or buffers {@code data} (copied if buffered); ignored once the transport is closing. */
    default void write(byte[] data) {
        write(data, 0, data.length);
    }

    /** {@link #write(byte[])} of {@code data[from..from + length)}. */
    void write(byte[] data, int from, int length);

    boolean canWriteEof();

    /** Closes the sending side once the buffer is flushed; the peer then reads EOF. */
    void writeEof();

    /** Flushes the buffer, then closes; the protocol's {@code connectionLost(null)} follows. */
    void close();

    /** Closes at once, dropping the buffer. */
    void abort();

    boolean isClosing();

    /** Bytes written but not yet taken by the peer. */
    long writeBufferSize();

    /** The marks of the write side's flow control (asyncio's defaults: 64 KiB high, 16 KiB low). */
    void setWriteBufferLimits(int high, int low);

    SocketAddress localAddress();

    SocketAddress remoteAddress();
}
