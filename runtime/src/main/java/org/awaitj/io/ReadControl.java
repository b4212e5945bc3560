package org.awaitj.io;

/**
 * What a {@link StreamReader} needs of what feeds it: to stop the reading while its buffer is too full, and
 * to start it again. Every {@link Transport} offers it; a subprocess's output pipe offers only that.
 */
interface ReadControl {
    /** Stops delivering bytes until {@link #resumeReading()}: the peer is slowed down by a full socket or pipe. */
    void pauseReading();

    void resumeReading();
}
