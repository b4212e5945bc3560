package org.awaitj.io;

import org.awaitj.*;
import org.awaitj.internal.*;

import java.net.SocketAddress;

/**
 * A connection's byte pipe, like asyncio's {@code Transport}: {@link #write} never blocks (what the peer has
 * not taken yet is buffered, and the {@link Protocol} is told to pause writing past the high-water mark);
 * reading is pushed to the protocol until {@link #pauseReading()}. Loop thread only.
 */
interface Transport {
    /** asyncio's defaults: pause writing above 64 KiB buffered, resume at 16 KiB. */
    int DEFAULT_HIGH_WATER = 64 * 1024;
    int DEFAULT_LOW_WATER = 16 * 1024;

    /** Sends or buffers {@code data} (copied if buffered); ignored once the transport is closing. */
    void write(byte[] data);

    boolean canWriteEof();

    /** Closes the sending side once the buffer is flushed; the peer then reads EOF. */
    void writeEof();

    /** Flushes the buffer, then closes; the protocol's {@code connectionLost(null)} follows. */
    void close();

    /** Closes at once, dropping the buffer. */
    void abort();

    boolean isClosing();

    void pauseReading();

    void resumeReading();

    /** Bytes written but not yet taken by the peer. */
    long writeBufferSize();

    void setWriteBufferLimits(int high, int low);

    SocketAddress localAddress();

    SocketAddress remoteAddress();
}
