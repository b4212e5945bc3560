package org.awaitj.io;

import java.io.IOException;

/**
 * A {@link StreamReader} looked for a separator past its limit, like asyncio's {@code LimitOverrunError}.
 * {@link #consumed()} says how many bytes would have to be consumed.
 */
public class LimitOverrunException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int consumed;

    public LimitOverrunException(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** How many bytes of the buffer were examined (or precede the separator) when the limit was hit. */
    public int consumed() {
        return consumed;
    }
}
