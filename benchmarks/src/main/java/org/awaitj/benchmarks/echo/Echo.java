package org.awaitj.benchmarks.echo;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The echo workload: ping-pong of 1 KiB over loopback on {@code connections} concurrent connections (a JMH
 * parameter of {@link EchoState}: 1 and 100). Each connection sends 1 KiB, waits until all of it came back,
 * and sends again. The score is the time per round trip over all connections (its inverse is the round trips
 * per second of the whole system that {@code benchmarks/ratios.py} reports); each invocation is
 * {@link #ROUND_TRIPS} round trips in all, {@code ROUND_TRIPS / connections} on each connection, concurrently.
 * The count per invocation is the same for every parameter because {@code @OperationsPerInvocation} is a
 * constant.
 *
 * <p>Server and client each run on their own thread: an awaitj event loop each, a one-thread Netty event loop
 * group each, two virtual-thread carriers (see {@link VirtualThreadEcho}); {@code awaitjGroup2}, {@code netty2}
 * and {@code nettyEpoll2} give the server two loop threads (three threads in all). {@code -prof gc} gives the
 * bytes allocated per round trip by all threads, client and server together. {@link EchoCores} runs the client
 * in another JVM instead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Echo {
    /** Round trips per invocation, over all connections. */
    public static final int ROUND_TRIPS = 10_000;

    public static class Awaitj extends EchoState {
        @Override
        protected EchoSystem create() {
            return new AwaitjEcho();
        }
    }

    /** {@link Awaitj} with server and client reading into arrays they keep, as Netty's pooled buffers are kept. */
    public static class AwaitjInPlace extends EchoState {
        @Override
        protected EchoSystem create() {
            return AwaitjEcho.inPlace();
        }
    }

    /** Server and client on one awaitj loop thread, as the asyncio script runs them: for comparing runtimes. */
    public static class AwaitjOneLoop extends EchoState {
        @Override
        protected EchoSystem create() {
            return new AwaitjEcho(true);
        }
    }

    public static class Netty extends EchoState {
        @Override
        protected EchoSystem create() {
            return new NettyEcho();
        }
    }

    /** The server on a LoopGroup(2): a SO_REUSEPORT listener on each of its two loops; the client on one loop. */
    public static class AwaitjGroup2 extends EchoState {
        @Override
        protected EchoSystem create() {
            return new AwaitjGroupEcho(2);
        }
    }

    /** Netty NIO with two server event loops: the counterpart of {@link AwaitjGroup2} on the JDK's selector. */
    public static class Netty2 extends EchoState {
        @Override
        protected EchoSystem create() {
            return new NettyEcho(false, 2);
        }
    }

    /** Netty's native epoll transport, one server event loop as {@link Netty} has. */
    public static class NettyEpoll extends EchoState {
        @Override
        protected EchoSystem create() {
            return new NettyEcho(true, 1);
        }
    }

    /** Netty's native epoll transport with two server event loops: the counterpart of {@link AwaitjGroup2}. */
    public static class NettyEpoll2 extends EchoState {
        @Override
        protected EchoSystem create() {
            return new NettyEcho(true, 2);
        }
    }

    public static class VirtualThread extends EchoState {
        @Override
        protected EchoSystem create() {
            return new VirtualThreadEcho();
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void awaitj(Awaitj s) throws Exception {
        s.roundTrips();
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void awaitjInPlace(AwaitjInPlace s) throws Exception {
        s.roundTrips();
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void awaitjOneLoop(AwaitjOneLoop s) throws Exception {
        s.roundTrips();
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void netty(Netty s) throws Exception {
        s.roundTrips();
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void awaitjGroup2(AwaitjGroup2 s) throws Exception {
        s.roundTrips();
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void netty2(Netty2 s) throws Exception {
        s.roundTrips();
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void nettyEpoll(NettyEpoll s) throws Exception {
        s.roundTrips();
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void nettyEpoll2(NettyEpoll2 s) throws Exception {
        s.roundTrips();
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void virtualThread(VirtualThread s) throws Exception {
        s.roundTrips();
    }
}
