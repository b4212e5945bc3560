package org.awaitj.benchmarks.echo;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A system's server and connected client, set up once per trial (connecting is not timed) and closed after it.
 * Subclasses, one per system and connection count, are the JMH {@code @State} classes.
 */
public abstract class EchoState {
    private final int connections;
    private EchoSystem system;

    protected EchoState(int connections) {
        this.connections = connections;
    }

    protected abstract EchoSystem create();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        system = create();
        system.start(connections);
        system.roundTrips(10);  // a first touch of every path; the warm-up iterations do the rest
    }

    /** Every connection ping-pongs {@code perConnection} times. */
    public void roundTrips(int perConnection) throws Exception {
        system.roundTrips(perConnection);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (system != null) {
            system.close();
        }
    }
}
