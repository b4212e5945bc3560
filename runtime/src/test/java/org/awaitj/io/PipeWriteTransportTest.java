package org.awaitj.io;

import org.awaitj.*;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The write pipe's flow control: the marks, and new limits that apply to what is buffered already. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PipeWriteTransportTest {
    /** A child that does not read its stdin: each write blocks until {@link #unblock()}. */
    private static final class StuckPipe extends OutputStream {
        private final CountDownLatch unblocked = new CountDownLatch(1);

        @Override
        public void write(int b) throws IOException {
            block();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            block();
        }

        private void block() throws IOException {
            try {
                unblocked.await();
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
        }

        void unblock() {
            unblocked.countDown();
        }
    }

    /** Logs what the transport tells its protocol. */
    private static final class Recorder implements Protocol {
        final List<String> events = new ArrayList<>();
        final Future<Void> lost;

        Recorder(EventLoop loop) {
            lost = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport transport) {
        }

        @Override
        public void dataReceived(java.nio.ByteBuffer data) {
        }

        @Override
        public boolean eofReceived() {
            return false;
        }

        @Override
        public void connectionLost(Throwable error) {
            events.add("lost");
            lost.setResult(null);
        }

        @Override
        public void pauseWriting() {
            events.add("pause");
        }

        @Override
        public void resumeWriting() {
            events.add("resume");
        }
    }

    @Test
    void theMarksPauseAndResumeTheProtocol() {
        EventLoop loop = new EventLoop();
        StuckPipe out = new StuckPipe();
        Recorder protocol = new Recorder(loop);
        PipeWriteTransport pipe = new PipeWriteTransport(loop, out, protocol, "test-stdin");
        pipe.write(new byte[64 * 1024]);
        assertEquals(List.of(), protocol.events, "at the high-water mark, not above it");
        pipe.write(new byte[1]);
        assertEquals(List.of("pause"), protocol.events);
        out.unblock();
        pipe.close();
        loop.runUntilComplete(protocol.lost);      // the bytes drain to the low-water mark, then the pipe closes
        assertEquals(List.of("pause", "resume", "lost"), protocol.events);
        loop.close();
    }

    @Test
    void newLimitsApplyToWhatIsBufferedAtOnce() {
        EventLoop loop = new EventLoop();
        StuckPipe out = new StuckPipe();
        Recorder protocol = new Recorder(loop);
        PipeWriteTransport pipe = new PipeWriteTransport(loop, out, protocol, "test-stdin");
        pipe.write(new byte[1000]);
        assertEquals(1000, pipe.writeBufferSize());
        assertEquals(List.of(), protocol.events);
        pipe.setWriteBufferLimits(500, 100);         // below what is buffered: paused at once
        assertEquals(List.of("pause"), protocol.events);
        pipe.setWriteBufferLimits(4000, 1000);       // the buffer is at the new low-water mark: resumed at once
        assertEquals(List.of("pause", "resume"), protocol.events);
        out.unblock();
        pipe.close();
        loop.runUntilComplete(protocol.lost);
        assertEquals(List.of("pause", "resume", "lost"), protocol.events);
        loop.close();
    }
}
