package org.awaitj.io;

/**
 * A transport whose writes are buffered under flow control, like asyncio's {@code _FlowControlMixin}: it
 * counts the bytes written but not yet taken by the peer, tells the {@link Protocol} to pause writing when
 * they go over the high-water mark and to resume when they are back down to the low-water mark. The socket
 * and the write pipe are such transports. Loop thread only.
 */
abstract class FlowControlTransport implements Transport {
    private static final System.Logger LOG = System.getLogger("org.awaitj");
    /** asyncio's defaults: pause writing above 64 KiB buffered, resume at 16 KiB. */
    private static final int DEFAULT_HIGH_WATER = 64 * 1024;
    private static final int DEFAULT_LOW_WATER = 16 * 1024;

    /** Who hears of the transport's events; replaced once, when TLS is started over a plain connection. */
    Protocol protocol;
    private long bufferSize;
    private int highWater = DEFAULT_HIGH_WATER;
    private int lowWater = DEFAULT_LOW_WATER;
    private boolean protocolPaused;

    FlowControlTransport(Protocol protocol) {
        this.protocol = protocol;
    }

    /** From now on {@code p} hears of this transport's events: startTls slips a TLS layer in between. */
    final void setProtocol(Protocol p) {
        protocol = p;
    }

    @Override
    public final long writeBufferSize() {
        return bufferSize;
    }

    /** The new marks apply at once to what is buffered: the protocol may pause or resume right here. */
    @Override
    public final void setWriteBufferLimits(int high, int low) {
        if (high < low || low < 0) {
            throw new IllegalArgumentException("need 0 <= low <= high, got high=" + high + " low=" + low);
        }
        highWater = high;
        lowWater = low;
        maybePauseProtocol();
        maybeResumeProtocol();
    }

    /** {@code n} more bytes are buffered: pauses the protocol if that takes them over the high-water mark. */
    final void buffered(long n) {
        bufferSize += n;
        maybePauseProtocol();
    }

    /** {@code n} buffered bytes went out: resumes the protocol if that brings them down to the low-water mark. */
    final void sent(long n) {
        bufferSize -= n;
        maybeResumeProtocol();
    }

    /** The buffer was dropped: the transport is closing for good, there is nothing to resume. */
    final void dropBuffer() {
        bufferSize = 0;
    }

    private void maybePauseProtocol() {
        if (!protocolPaused && bufferSize > highWater) {
            tellProtocol(true);
        }
    }

    private void maybeResumeProtocol() {
        if (protocolPaused && bufferSize <= lowWater) {
            tellProtocol(false);
        }
    }

    /** Pauses or resumes the protocol; what it throws is logged, as asyncio reports it, and writing goes on. */
    private void tellProtocol(boolean pause) {
        protocolPaused = pause;
        try {
            if (pause) {
                protocol.pauseWriting();
            } else {
                protocol.resumeWriting();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "protocol." + (pause ? "pauseWriting" : "resumeWriting") + "() failed on "
                    + this, e);
        }
    }
}
