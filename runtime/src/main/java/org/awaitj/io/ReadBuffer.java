package org.awaitj.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes a {@link StreamReader} holds, {@code buf[start..end)}: one array, compacted or grown as bytes come,
 * handed out whole (no copy) when a read takes exactly what one transport read put in an empty buffer.
 */
final class ReadBuffer {
    static final byte[] EMPTY = new byte[0];

    /** Past this many bytes of array, an emptied buffer gives its array back: a burst grew it. */
    private final int keepAtMost;
    private byte[] buf = EMPTY;
    private int start;
    private int end;

    ReadBuffer(int keepAtMost) {
        this.keepAtMost = keepAtMost;
    }

    int size() {
        return end - start;
    }

    void append(byte[] data) {
        makeRoom(data.length);
        System.arraycopy(data, 0, buf, end, data.length);
        end += data.length;
    }

    /**
     * Bytes of a buffer the transport reuses (readable between position and limit, during the call only). Into an
     * empty buffer they go at the start of its array when they fit (a reader read with {@code readInto} keeps
     * one), else into an array of their size, which {@link #take} of them all returns as it is.
     */
    void append(ByteBuffer data) {
        int n = data.remaining();
        if (start == end) {
            start = 0;
            end = 0;
            if (buf.length < n) {
                buf = new byte[n];
            }
        } else {
            makeRoom(n);
        }
        data.get(buf, end, n);
        end += n;
    }

    /** Room for {@code n} more bytes after {@code end}: compacted, or in a bigger array. */
    private void makeRoom(int n) {
        if (buf.length - end < n) {
            int size = end - start;
            if (buf.length - size >= n && size < buf.length / 2) {
                System.arraycopy(buf, start, buf, 0, size);     // compact
            } else {
                byte[] bigger = new byte[Math.max(Math.max(8192, buf.length * 2), size + n)];
                System.arraycopy(buf, start, bigger, 0, size);
                buf = bigger;
            }
            start = 0;
            end = size;
        }
    }

    /** Removes and returns the first {@code n} bytes. */
    byte[] take(int n) {
        byte[] out;
        if (start == 0 && n == buf.length) {
            out = buf;      // one transport read, taken whole: no copy
            buf = EMPTY;
        } else {
            out = n == 0 ? EMPTY : Arrays.copyOfRange(buf, start, start + n);
        }
        drop(n);
        return out;
    }

    /** Removes the first {@code n} bytes into {@code into} from {@code from}. */
    void takeInto(byte[] into, int from, int n) {
        System.arraycopy(buf, start, into, from, n);
        drop(n);
    }

    /** Removes every byte into {@code out}. */
    void takeAll(ByteArrayOutputStream out) {
        out.write(buf, start, end - start);
        drop(end - start);
    }

    /** Drops the first {@code n} bytes. */
    void drop(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
            if (buf.length > keepAtMost) {
                buf = EMPTY;
            }
        }
    }

    /** Whether {@code sep} is at {@code at} bytes from the start. */
    boolean startsWith(byte[] sep, int at) {
        if (end - start - at < sep.length) {
            return false;
        }
        for (int j = 0; j < sep.length; j++) {
            if (buf[start + at + j] != sep[j]) {
                return false;
            }
        }
        return true;
    }

    /** readUntil's search: where it resumes (asyncio's offset), so that bytes searched before a wait are not again. */
    private int searchFrom;

    /** A read starts, or readUntil's search ended: the next search starts at the first byte. */
    void restartSearch() {
        searchFrom = 0;
    }

    /**
     * One step of readUntil's search, as {@link Separators#find} reports a match (the match's start in the high
     * half, its end in the low half), or -1 to wait for more bytes; {@link LimitOverrunException} when the
     * separator is found, or cannot be found, within {@code limit} bytes.
     */
    long search(Separators seps, int limit) throws LimitOverrunException {
        int size = size();
        if (size - searchFrom < seps.min) {
            return -1;
        }
        long match = seps.find(buf, start, end, searchFrom);
        if (match >= 0) {
            searchFrom = 0;
            int at = (int) (match >>> 32);
            if (at > limit) {
                throw new LimitOverrunException("Separator is found, but chunk is longer than limit", at);
            }
            return match;
        }
        searchFrom = Math.max(0, size + 1 - seps.max);
        if (searchFrom > limit) {
            int consumed = searchFrom;
            searchFrom = 0;
            throw new LimitOverrunException("Separator is not found, and chunk exceed the limit", consumed);
        }
        return -1;
    }
}
