package org.awaitj.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Future;
import org.awaitj.internal.CoroutineSupport;

/**
 * The reading half of a connection, like asyncio's {@code StreamReader}: bytes the transport delivers are
 * buffered here, and the {@code read} coroutines take them out.
 *
 * <p>The buffer is bounded: past twice the {@linkplain #limit() limit} the transport stops reading from the
 * socket until a read brings it back under the limit, so a peer that sends faster than the application reads
 * is slowed down by TCP itself. The limit also bounds how far {@link #readUntil} and {@link #readLine} look for
 * their separator.
 *
 * <p>One coroutine reads at a time: a second one awaiting while another waits for data is an
 * {@link IllegalStateException}. Cancelling a task blocked in a read leaves the stream, its buffer and its
 * connection as they were. Loop thread only.
 */
public final class StreamReader {
    /** asyncio's default limit: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private static final byte[] EMPTY = ReadBuffer.EMPTY;
    private static final Object WAIT = ReadOp.WAIT;
    private static final byte[] NEWLINE = {'\n'};    // Separators.NEWLINE, for readLine's clean-up

    private final int limit;
    private final ReadBuffer buffer;
    private boolean eof;
    private Throwable exception;
    /** The future the waiting read waits on ({@link ReadOp}), or null. */
    Future<Void> waiter;
    private ReadControl transport;
    private boolean paused;
    /** The waiter of the last wait that ended with data, for the next wait: a read that waits allocates less. */
    Future<Void> spareWaiter;
    /** What {@link #readInto} yielded last, boxed. */
    private Integer lastCount;

    /** A reader with the default limit of 64 KiB, fed by {@link #feedData} and {@link #feedEof}. */
    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    /** A reader with the given buffer limit, in bytes. */
    public StreamReader(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        this.limit = limit;
        this.buffer = new ReadBuffer(4 * limit);
    }

    /** The buffer limit: see the class comment. */
    public int limit() {
        return limit;
    }

    // ---- the feeding side (the transport's protocol, or a program feeding a reader by hand) ----

    /** Appends bytes to the buffer and wakes a waiting reader. */
    public void feedData(byte[] data) {
        if (accepts(data.length)) {
            buffer.append(data);
            fed();
        }
    }

    /** Whether {@code n} bytes fed are to be buffered: none may come after the end. */
    private boolean accepts(int n) {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        return n > 0;
    }

    /** Wakes a waiting reader; past twice the limit, asks the transport to stop reading for a while. */
    private void fed() {
        wakeUp(null);
        if (transport != null && !paused && size() > 2 * limit) {
            paused = true;
            transport.pauseReading();
        }
    }

    /** Bytes a transport read into a buffer of its own, which it reuses ({@link ReadBuffer#append(ByteBuffer)}). */
    void feedData(ByteBuffer data) {
        if (accepts(data.remaining())) {
            buffer.append(data);
            fed();
        }
    }

    /** Marks the end of the stream: reads return what is left, then an empty array. */
    public void feedEof() {
        eof = true;
        wakeUp(null);
    }

    /** The connection failed: every read from now on throws {@code error}. */
    void setException(Throwable error) {
        exception = error;
        wakeUp(error);
    }

    /** The exception the connection failed with, or null. */
    Throwable exception() {
        return exception;
    }

    void setTransport(ReadControl transport) {
        this.transport = transport;
    }

    /** True when the stream ended and the buffer is empty. */
    public boolean atEof() {
        return eof && buffer.size() == 0;
    }

    ReadBuffer buffer() {
        return buffer;
    }

    /** How many bytes are buffered. */
    int size() {
        return buffer.size();
    }

    // ---- reading: each read is an attempt that a ReadOp runs, or first the agent's direct entry ----

    /**
     * Reads up to {@code max} bytes: waits until some are buffered, then returns at most {@code max} of them;
     * an empty array at the end of the stream. With {@code max} negative, reads until the end of the stream.
     */
    public Coroutine<byte[]> read(int max) throws IOException {
        if (max < 0) {
            return new ReadOp<>(this, "read") {
                private final ByteArrayOutputStream all = new ByteArrayOutputStream();

                @Override
                Object attempt() {
                    buffer.takeAll(all);
                    resumeBelowLimit();
                    return eof ? all.toByteArray() : WAIT;
                }
            };
        }
        return new ReadOp<>(this, "read") {
            @Override
            Object attempt() {
                return upTo(max);
            }
        };
    }

    /** The agent's {@code await(reader.read(max))}: bytes already buffered come with no coroutine made. */
    static Object read(StreamReader r, int max, Coroutine<?> anchor, int depth) throws IOException {
        Object x = max >= 0 && r.startsNow() ? r.upTo(max) : WAIT;
        return x != WAIT ? x : CoroutineSupport.fusedAwait(r.read(max), anchor, depth);
    }

    private Object upTo(int max) {
        if (max == 0) {
            return EMPTY;
        }
        if (size() == 0) {
            return eof ? EMPTY : WAIT;
        }
        return take(Math.min(max, size()));
    }

    /**
     * Reads up to {@code length} bytes into {@code into} from {@code from}, as
     * {@link java.io.InputStream#read(byte[], int, int)} does: waits until some are buffered, copies at most
     * {@code length} of them and yields how many; -1 at the end of the stream, 0 when {@code length} is 0. A
     * loop that reads into one array it keeps allocates no array per read.
     */
    public Coroutine<Integer> readInto(byte[] into, int from, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(from, length, into.length);
        return new ReadOp<>(this, "readInto") {
            @Override
            Object attempt() {
                return into(into, from, length);
            }
        };
    }

    /** The agent's {@code await(reader.readInto(into, from, length))}, as {@link #read(StreamReader, int, Coroutine, int)}. */
    static Object readInto(StreamReader r, byte[] into, int from, int length, Coroutine<?> anchor, int depth)
            throws IOException {
        java.util.Objects.checkFromIndexSize(from, length, into.length);
        Object x = r.startsNow() ? r.into(into, from, length) : WAIT;
        return x != WAIT ? x : CoroutineSupport.fusedAwait(r.readInto(into, from, length), anchor, depth);
    }

    private Object into(byte[] into, int from, int length) {
        if (length == 0) {
            return 0;
        }
        if (size() == 0) {
            return eof ? -1 : WAIT;
        }
        int n = Math.min(length, size());
        buffer.takeInto(into, from, n);
        resumeBelowLimit();
        Integer count = lastCount;
        if (count == null || count != n) {
            count = n;
            lastCount = count;      // reads into a kept array mostly take the same count: boxed once
        }
        return count;
    }

    /**
     * Reads exactly {@code n} bytes; throws {@link IncompleteReadException}, holding the bytes read, when the
     * stream ends first.
     */
    public Coroutine<byte[]> readExactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("readExactly size can not be less than zero: " + n);
        }
        return new ReadOp<>(this, "readExactly") {
            @Override
            Object attempt() throws IOException {
                return exactly(n);
            }
        };
    }

    /** The agent's {@code await(reader.readExactly(n))}, as {@link #read(StreamReader, int, Coroutine, int)}. */
    static Object readExactly(StreamReader r, int n, Coroutine<?> anchor, int depth) throws IOException {
        Object x = n >= 0 && r.startsNow() ? r.exactly(n) : WAIT;
        return x != WAIT ? x : CoroutineSupport.fusedAwait(r.readExactly(n), anchor, depth);
    }

    private Object exactly(int n) throws IOException {
        if (n == 0) {
            return EMPTY;
        }
        if (size() >= n) {
            return take(n);
        }
        if (eof) {
            throw new IncompleteReadException(take(size()), n);
        }
        return WAIT;
    }

    /**
     * Reads a line: the bytes up to and including {@code '\n'}. At the end of the stream, what is left
     * (without a newline; empty when nothing is). A line longer than the limit throws
     * {@link LimitOverrunException} and is discarded (up to its newline when one was found).
     */
    public Coroutine<byte[]> readLine() throws IOException {
        return new ReadOp<>(this, "readLine") {
            @Override
            Object attempt() throws IOException {
                return line();
            }
        };
    }

    /** The agent's {@code await(reader.readLine())}, as {@link #read(StreamReader, int, Coroutine, int)}. */
    static Object readLine(StreamReader r, Coroutine<?> anchor, int depth) throws IOException {
        Object x = r.startsNow() ? r.line() : WAIT;
        return x != WAIT ? x : CoroutineSupport.fusedAwait(r.readLine(), anchor, depth);
    }

    private Object line() throws IOException {
        try {
            return until(Separators.NEWLINE);
        } catch (IncompleteReadException e) {
            return e.partial;
        } catch (LimitOverrunException e) {
            if (buffer.startsWith(NEWLINE, e.consumed())) {
                take(e.consumed() + NEWLINE.length);
            } else {
                take(size());
            }
            throw e;
        }
    }

    /** A read starts: false when the connection failed (the read throws); the search of readUntil starts over. */
    private boolean startsNow() {
        buffer.restartSearch();
        return exception == null;
    }

    /** The lines to EOF, as {@link #readLine()} reads them: {@code async for line in reader}. */
    public org.awaitj.AsyncIterable<byte[]> lines() {
        return new ReaderLines(this);
    }

    /**
     * Reads up to and including {@code separator}. Throws {@link IncompleteReadException} (with what was
     * read) when the stream ends first, and {@link LimitOverrunException} when the separator is not within
     * the limit; then the bytes stay in the buffer.
     */
    public Coroutine<byte[]> readUntil(byte[] separator) throws IOException {
        return readUntil(new byte[][] {separator});
    }

    /**
     * {@link #readUntil(byte[])} with several separators (asyncio 3.13): reads up to and including the first
     * one found, the match that ends earliest; the limit and the exceptions are those of one separator.
     */
    public Coroutine<byte[]> readUntil(byte[]... separators) throws IOException {
        Separators seps = Separators.of(separators);
        return new ReadOp<>(this, "readUntil") {
            @Override
            Object attempt() throws IOException {
                return until(seps);
            }
        };
    }

    /** One attempt of readUntil: the chunk, WAIT, or an exception. */
    private Object until(Separators seps) throws IOException {
        long match = buffer.search(seps, limit);
        if (match >= 0) {
            return take((int) match);
        }
        if (eof) {
            buffer.restartSearch();
            throw new IncompleteReadException(take(size()), -1);
        }
        return WAIT;
    }

    /** Removes and returns the first {@code n} buffered bytes; lets the transport read again if it paused. */
    private byte[] take(int n) {
        byte[] out = buffer.take(n);
        resumeBelowLimit();
        return out;
    }

    /** The buffer is down to the limit: a transport that paused reads again. */
    private void resumeBelowLimit() {
        if (paused && size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    // ---- waiting ----

    private void wakeUp(Throwable error) {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.isDone()) {
                if (error != null) {
                    w.setException(error);
                } else {
                    w.setResult(null);
                }
            }
        }
    }

    /** The future a read coroutine waits on until data comes; refused while another read waits. */
    Future<Void> newWaiter(String op, EventLoop loop) {
        if (waiter != null && !waiter.isDone()) {
            throw new IllegalStateException(op + "() called while another coroutine is already waiting for "
                    + "incoming data on this stream: read from one task at a time");
        }
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        Future<Void> w = spareWaiter;
        if (w != null && w.getLoop() == loop) {
            spareWaiter = null;
            CoroutineSupport.reuseWaiter(w);
        } else {
            w = loop.createFuture();
        }
        waiter = w;
        return w;
    }

    @Override
    public String toString() {
        return "<StreamReader " + size() + " bytes" + (eof ? " eof" : "") + (exception != null ? " exception=" + exception : "")
                + (paused ? " paused" : "") + ">";
    }
}
