package org.awaitj.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FrameReaderTest {
    @Test
    void framesAreFoundAmongStrayBytes() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(wire);
        wire.write("stray output\n".getBytes(StandardCharsets.UTF_8));
        w.write(Frame.RESULT, new byte[] {1, 2, 3});
        wire.write("AWJ".getBytes(StandardCharsets.UTF_8)); // almost the magic
        w.write(Frame.STDOUT, new byte[0]);
        wire.write("tail".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream junk = new ByteArrayOutputStream();
        FrameReader r = new FrameReader(new ByteArrayInputStream(wire.toByteArray()), junk);
        Frame first = r.read();
        assertEquals(Frame.RESULT, first.kind());
        assertEquals("[1, 2, 3]", Arrays.toString(first.payload()));
        Frame second = r.read();
        assertEquals(Frame.STDOUT, second.kind());
        assertEquals(0, second.payload().length);
        assertNull(r.read());
        assertEquals("stray output\nAWJtail", junk.toString(StandardCharsets.UTF_8));
    }
}
