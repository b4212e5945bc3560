package org.awaitj.benchmarks.echo;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A system's server and connected client, set up once per trial (connecting is not timed) and closed after it.
 * Subclasses, one per system, are the JMH states of {@link Echo} (the annotation is inherited; JMH wants it
 * here too, on the class that declares the parameter).
 */
@State(Scope.Benchmark)
public abstract class EchoState {
    /** Concurrent connections; {@link Echo#ROUND_TRIPS} must be a multiple of it. */
    @Param({"1", "100"})
    public int connections;
    private EchoSystem system;

    protected abstract EchoSystem create();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (connections <= 0 || Echo.ROUND_TRIPS % connections != 0) {
            throw new IllegalArgumentException("connections must divide " + Echo.ROUND_TRIPS + ": " + connections);
        }
        system = create();
        system.start(connections);
        system.roundTrips(10);  // a first touch of every path; the warm-up iterations do the rest
    }

    /** One invocation: {@link Echo#ROUND_TRIPS} round trips in all, spread evenly over the connections. */
    public void roundTrips() throws Exception {
        system.roundTrips(Echo.ROUND_TRIPS / connections);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (system != null) {
            system.close();
        }
    }
}
