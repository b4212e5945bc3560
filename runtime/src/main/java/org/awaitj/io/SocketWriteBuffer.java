package org.awaitj.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * What a {@link SocketTransport} could not send yet, in the order written: copies of the callers' bytes, with
 * small writes coalesced into chunks of 16 KiB so that a burst of them costs few arrays and
 * few system calls. Loop thread only.
 */
final class SocketWriteBuffer {
    /** Most bytes handed to one write call: the JDK copies heap bytes through a cached direct buffer this big. */
    private static final int MAX_WRITE = 256 * 1024;
    /** Small writes made while bytes are buffered are coalesced into chunks of this size. */
    private static final int COALESCE = 16 * 1024;

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();

    /** Writes as much of {@code data[from..to)} as the kernel takes now; returns the new offset. */
    static int send(SocketChannel channel, byte[] data, int from, int to) throws IOException {
        while (from < to) {
            int len = Math.min(to - from, MAX_WRITE);
            int n = channel.write(ByteBuffer.wrap(data, from, len));
            from += n;
            if (n < len) {
                break;
            }
        }
        return from;
    }

    boolean isEmpty() {
        return chunks.isEmpty();
    }

    /** Buffers a copy of {@code data[offset..to)} (the caller may reuse its array); returns how many bytes. */
    int append(byte[] data, int offset, int to) {
        int len = to - offset;
        Chunk tail = chunks.peekLast();
        if (tail != null && tail.coalescing && tail.data.length - tail.end >= len) {
            System.arraycopy(data, offset, tail.data, tail.end, len);
            tail.end += len;
        } else if (len < COALESCE / 2) {
            Chunk c = new Chunk(new byte[COALESCE], 0, 0, true);
            System.arraycopy(data, offset, c.data, 0, len);
            c.end = len;
            chunks.add(c);
        } else {
            chunks.add(new Chunk(Arrays.copyOfRange(data, offset, to), 0, len, false));
        }
        return len;
    }

    /** Sends what the kernel takes now, first come first; returns how many bytes went out. */
    long flush(SocketChannel channel) throws IOException {
        long sent = 0;
        while (!chunks.isEmpty()) {
            Chunk c = chunks.peekFirst();
            int was = c.start;
            c.start = send(channel, c.data, c.start, c.end);
            sent += c.start - was;
            if (c.start < c.end) {
                break;      // the kernel is full
            }
            chunks.pollFirst();
        }
        return sent;
    }

    void clear() {
        chunks.clear();
    }

    private static final class Chunk {
        final byte[] data;
        int start;
        int end;
        /** A chunk of {@link #COALESCE} bytes that small writes fill up. */
        final boolean coalescing;

        Chunk(byte[] data, int start, int end, boolean coalescing) {
            this.data = data;
            this.start = start;
            this.end = end;
            this.coalescing = coalescing;
        }
    }
}
