package org.awaitj.process;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes {@link Frame}s, each flushed at once; safe for concurrent use. */
final class FrameWriter {
    private final DataOutputStream out;

    FrameWriter(OutputStream raw) {
        this.out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
    }

    void write(byte kind, byte[] payload) throws IOException {
        write(kind, payload, 0, payload.length);
    }

    synchronized void write(byte kind, byte[] b, int off, int len) throws IOException {
        out.writeInt(Frame.MAGIC);
        out.writeByte(kind);
        out.writeInt(len);
        out.write(b, off, len);
        out.flush();
    }

    synchronized void close() throws IOException {
        out.close();
    }
}
