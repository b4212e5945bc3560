package org.awaitj.benchmarks.echo;

import java.lang.management.ManagementFactory;

/**
 * Memory per connection with many mostly idle connections: an {@link EchoServer} in this JVM, {@code connections}
 * (10,000) connections to it from an {@link EchoClient} in another JVM, each checked by one round trip, then
 * {@code active} (100) of them ping-ponging 1 KiB for {@code seconds} while the rest stay idle. Prints the
 * server's heap in use after a full GC and its resident set (VmRSS) before the connections and after, the
 * difference per connection, the rate of the active connections, and a markdown row for the table of
 * BENCHMARKS.md. Not JMH: {@code benchmarks/run.sh --connections} runs it once per server, each in a JVM of
 * its own.
 *
 * <p>The baseline is taken after a warm-up ({@code active} connections ping-ponging for 3 s, then closed), so
 * that the classes and compiled code of the serving path are already there; run with a pre-touched fixed heap
 * ({@code -Xms1g -Xmx1g -XX:+AlwaysPreTouch}, as run.sh does), so that the RSS growth is memory outside the Java
 * heap (direct buffers, thread stacks, malloc) rather than heap pages touched for the first time. Kernel socket
 * buffers are in neither figure. {@code -Dawaitj.histogram=N} prints the first N classes of the live heap's
 * histogram while the connections are open.
 *
 * <pre>{@code java -javaagent:awaitj-agent.jar -Xms1g -Xmx1g -Xmn128m -XX:+AlwaysPreTouch -cp benchmarks.jar \
 *     org.awaitj.benchmarks.echo.ManyConnections SERVER [connections [active [seconds]]]}</pre>
 */
public final class ManyConnections {
    private ManyConnections() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "awaitj";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int active = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        if (active > connections) {
            throw new IllegalArgumentException("more active connections than connections");
        }
        EchoServer server = EchoServer.start(name);
        ClientProcess client = null;
        try {
            client = ClientProcess.start(server.port());
            // warm-up: the serving path's classes and compiled code, outside the measurement
            client.connect(active);
            pingPong(client, active, 3);
            client.closeConnections();
            Thread.sleep(1000);         // the server sees the closes

            long heap0 = heapAfterGc();
            long rss0 = ClientProcess.rssBytes();
            long t0 = System.nanoTime();
            int open = client.connect(connections);
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            if (open != connections) {
                throw new IllegalStateException(open + " connections open, not " + connections);
            }
            double rate = pingPong(client, active, seconds);
            Thread.sleep(500);
            long heap1 = heapAfterGc();
            long rss1 = ClientProcess.rssBytes();
            int top = Integer.getInteger("awaitj.histogram", 0);
            if (top > 0) {
                printHistogram(top);
            }
            client.run(1, connections);     // every connection still echoes
            double heapPer = (heap1 - heap0) / (double) connections;
            double rssPer = rss0 < 0 ? Double.NaN : (rss1 - rss0) / (double) connections;
            System.out.printf("%s: %d connections (%d active) opened and checked in %.1f s; heap after GC %.1f -> "
                    + "%.1f MiB, VmRSS %.1f -> %.1f MiB; the active ones did %.0f round trips/s%n", name, connections,
                    active, connectSeconds, heap0 / 1048576.0, heap1 / 1048576.0, rss0 / 1048576.0, rss1 / 1048576.0,
                    rate);
            System.out.printf("| %s | %.0f B | %.0f B | %.0f B | %,.0f/s | %.1f s |%n", name, heapPer, rssPer,
                    heapPer + rssPer, rate, connectSeconds);
        } finally {
            if (client != null) {
                client.close();
            }
            server.close();
        }
    }

    /** The first {@code active} connections ping-pong for about {@code seconds}; round trips per second. */
    private static double pingPong(ClientProcess client, int active, int seconds) throws Exception {
        int perConnection = Math.max(1, EchoCores.ROUND_TRIPS / active);
        long t0 = System.nanoTime();
        long done = 0;
        while (System.nanoTime() - t0 < seconds * 1_000_000_000L) {
            client.run(perConnection, active);
            done += (long) perConnection * active;
        }
        return done / ((System.nanoTime() - t0) / 1e9);
    }

    /** The first {@code top} classes of the heap's class histogram (live objects), as jcmd GC.class_histogram. */
    private static void printHistogram(int top) throws Exception {
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        String[] lines = text.toString().split("\n");
        for (int i = 0; i < Math.min(lines.length, top + 2); i++) {
            System.out.println("histogram: " + lines[i]);
        }
    }

    /** Heap in use after full collections: the least of three. */
    private static long heapAfterGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
