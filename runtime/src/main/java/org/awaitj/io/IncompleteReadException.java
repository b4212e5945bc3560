package org.awaitj.io;

import java.io.EOFException;

/**
 * The stream ended before a {@link StreamReader#readExactly} or {@link StreamReader#readUntil} was satisfied,
 * like asyncio's {@code IncompleteReadError}: {@link #partial()} holds the bytes read before the end.
 */
public class IncompleteReadException extends EOFException {
    private static final long serialVersionUID = 1L;

    final byte[] partial;
    private final int expected;

    /**
     * @param partial the bytes read before the end of the stream
     * @param expected how many bytes were expected, or -1 when that is not known (a separator was awaited)
     */
    public IncompleteReadException(byte[] partial, int expected) {
        super(partial.length + " bytes read on a total of " + (expected < 0 ? "undefined" : String.valueOf(expected))
                + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /** The bytes read before the end of the stream (a copy). */
    public byte[] partial() {
        return partial.clone();
    }

    /** How many bytes were expected, or -1 when a separator was awaited. */
    public int expected() {
        return expected;
    }
}
