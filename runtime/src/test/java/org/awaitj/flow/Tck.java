package org.awaitj.flow;

/** The TCK's timeouts here: generous, as the machine may be busy with other builds. */
final class Tck {
    static final long TIMEOUT_MILLIS = 2000;
    static final long NO_SIGNALS_MILLIS = 100;
    static final long GC_TIMEOUT_MILLIS = 3000;

    private Tck() {
    }
}
