package org.awaitj.process;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StreamCorruptedException;

/**
 * Reads {@link Frame}s. Bytes that are not a frame (something that wrote to the worker's file descriptor 1
 * natively, such as the JVM itself) are skipped up to the next {@link Frame#MAGIC} and copied to
 * {@code junk}, a line at a time. Not thread-safe.
 */
final class FrameReader {
    /** The longest frame accepted (the longest Java array). */
    static final int MAX_FRAME = Integer.MAX_VALUE - 8;

    private final DataInputStream in;
    private final OutputStream junk;

    FrameReader(InputStream in, OutputStream junk) {
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        this.junk = junk;
    }

    /** The next frame, or null at the end of the stream between frames. */
    Frame read() throws IOException {
        int window = 0;
        int seen = 0;
        ByteArrayOutputStream skipped = null;
        while (seen < 4 || window != Frame.MAGIC) {
            int b = in.read();
            if (b < 0) {
                if (seen > 0) {
                    if (skipped == null) {
                        skipped = new ByteArrayOutputStream();
                    }
                    for (int i = Math.min(seen, 4) - 1; i >= 0; i--) {
                        skipped.write(window >>> (8 * i));
                    }
                }
                flushJunk(skipped);
                return null;
            }
            if (seen >= 4) {
                if (skipped == null) {
                    skipped = new ByteArrayOutputStream();
                }
                int out = (window >>> 24) & 0xff;
                skipped.write(out);
                if (out == '\n') {
                    flushJunk(skipped);
                    skipped = null;
                }
            }
            window = (window << 8) | b;
            seen++;
        }
        flushJunk(skipped);
        byte kind = in.readByte();
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new StreamCorruptedException("frame of kind " + kind + " claims " + length + " bytes");
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length != length) {
            throw new EOFException("the stream ended inside a frame (" + payload.length + " of " + length
                    + " bytes)");
        }
        return new Frame(kind, payload);
    }

    private void flushJunk(ByteArrayOutputStream skipped) {
        if (skipped != null && skipped.size() > 0) {
            try {
                skipped.writeTo(junk);
                junk.flush();
            } catch (IOException e) {
                // nowhere to report it
            }
        }
    }
}
