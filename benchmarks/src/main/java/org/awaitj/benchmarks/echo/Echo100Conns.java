package org.awaitj.benchmarks.echo;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7, echo (b): 100 concurrent connections over loopback, each ping-ponging 1 KiB as in {@link Echo1Conn}.
 * The score is the time per round trip over all connections (its inverse is the round trips per second of the
 * whole system, which {@code benchmarks/ratios.py} reports); each invocation has every connection do
 * {@link #ROUND_TRIPS} round trips, concurrently.
 *
 * <p>Server and client each run on their own thread: an awaitj event loop each, a one-thread Netty event loop
 * group each, two virtual-thread carriers (see {@link VirtualThreadEcho}); {@code awaitjGroup2} and
 * {@code nettyEpoll2} give the server two loop threads (three threads in all). {@code -prof gc} gives the bytes
 * allocated per round trip by all threads, client and server together.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Echo100Conns {
    /** Concurrent connections. */
    public static final int CONNECTIONS = 100;
    /** Round trips of each connection per invocation. */
    public static final int ROUND_TRIPS = 100;

    @State(Scope.Benchmark)
    public static class Awaitj extends EchoState {
        public Awaitj() {
            super(CONNECTIONS);
        }

        @Override
        protected EchoSystem create() {
            return new AwaitjEcho();
        }
    }

    /** Server and client on one awaitj loop thread, as the asyncio script runs them: for comparing runtimes. */
    @State(Scope.Benchmark)
    public static class AwaitjOneLoop extends EchoState {
        public AwaitjOneLoop() {
            super(CONNECTIONS);
        }

        @Override
        protected EchoSystem create() {
            return new AwaitjEcho(true);
        }
    }

    @State(Scope.Benchmark)
    public static class Netty extends EchoState {
        public Netty() {
            super(CONNECTIONS);
        }

        @Override
        protected EchoSystem create() {
            return new NettyEcho();
        }
    }

    /** The server on a LoopGroup(2): a SO_REUSEPORT listener on each of its two loops; the client on one loop. */
    @State(Scope.Benchmark)
    public static class AwaitjGroup2 extends EchoState {
        public AwaitjGroup2() {
            super(CONNECTIONS);
        }

        @Override
        protected EchoSystem create() {
            return new AwaitjGroupEcho(2);
        }
    }

    /** Netty's native epoll transport, one server event loop as {@link Netty} has. */
    @State(Scope.Benchmark)
    public static class NettyEpoll extends EchoState {
        public NettyEpoll() {
            super(CONNECTIONS);
        }

        @Override
        protected EchoSystem create() {
            return new NettyEcho(true, 1);
        }
    }

    /** Netty's native epoll transport with two server event loops: the counterpart of {@link AwaitjGroup2}. */
    @State(Scope.Benchmark)
    public static class NettyEpoll2 extends EchoState {
        public NettyEpoll2() {
            super(CONNECTIONS);
        }

        @Override
        protected EchoSystem create() {
            return new NettyEcho(true, 2);
        }
    }

    @State(Scope.Benchmark)
    public static class VirtualThread extends EchoState {
        public VirtualThread() {
            super(CONNECTIONS);
        }

        @Override
        protected EchoSystem create() {
            return new VirtualThreadEcho();
        }
    }

    @Benchmark
    @OperationsPerInvocation(CONNECTIONS * ROUND_TRIPS)
    public void awaitj(Awaitj s) throws Exception {
        s.roundTrips(ROUND_TRIPS);
    }

    @Benchmark
    @OperationsPerInvocation(CONNECTIONS * ROUND_TRIPS)
    public void awaitjOneLoop(AwaitjOneLoop s) throws Exception {
        s.roundTrips(ROUND_TRIPS);
    }

    @Benchmark
    @OperationsPerInvocation(CONNECTIONS * ROUND_TRIPS)
    public void netty(Netty s) throws Exception {
        s.roundTrips(ROUND_TRIPS);
    }

    @Benchmark
    @OperationsPerInvocation(CONNECTIONS * ROUND_TRIPS)
    public void awaitjGroup2(AwaitjGroup2 s) throws Exception {
        s.roundTrips(ROUND_TRIPS);
    }

    @Benchmark
    @OperationsPerInvocation(CONNECTIONS * ROUND_TRIPS)
    public void nettyEpoll(NettyEpoll s) throws Exception {
        s.roundTrips(ROUND_TRIPS);
    }

    @Benchmark
    @OperationsPerInvocation(CONNECTIONS * ROUND_TRIPS)
    public void nettyEpoll2(NettyEpoll2 s) throws Exception {
        s.roundTrips(ROUND_TRIPS);
    }

    @Benchmark
    @OperationsPerInvocation(CONNECTIONS * ROUND_TRIPS)
    public void virtualThread(VirtualThread s) throws Exception {
        s.roundTrips(ROUND_TRIPS);
    }
}
