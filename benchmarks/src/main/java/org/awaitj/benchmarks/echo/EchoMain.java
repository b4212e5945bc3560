package org.awaitj.benchmarks.echo;

/**
 * The echo workloads outside JMH, for profilers (JFR, perf, strace): runs one system for a number of seconds
 * and prints its round trips per second, once per second.
 *
 * <pre>{@code java -javaagent:agent/target/awaitj-agent.jar -cp benchmarks/target/benchmarks.jar \
 *     org.awaitj.benchmarks.echo.EchoMain awaitj|awaitjOneLoop|awaitjGroup2|netty|netty2|nettyEpoll|nettyEpoll2|virtualThread \
 *     [connections [seconds]]}</pre>
 *
 * With {@code --process} first, as {@link EchoCores} runs it: only the server (any name of
 * {@link EchoServer#NAMES}) in this JVM, the client in another ({@link EchoClient}), and each second's line
 * also gives the CPU time of server and client per round trip. A profiler attached to this JVM then sees the
 * server alone.
 */
public final class EchoMain {
    private EchoMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--process")) {
            separateClient(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        String name = args.length > 0 ? args[0] : "awaitj";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int perConnection = Math.max(1, Echo.ROUND_TRIPS / connections);   // batches as the JMH benchmark's
        EchoSystem system = switch (name) {
            case "awaitj" -> new AwaitjEcho();
            case "awaitjOneLoop" -> new AwaitjEcho(true);
            case "awaitjGroup2" -> new AwaitjGroupEcho(2);
            case "netty" -> new NettyEcho();
            case "netty2" -> new NettyEcho(false, 2);
            case "nettyEpoll" -> new NettyEcho(true, 1);
            case "nettyEpoll2" -> new NettyEcho(true, 2);
            case "virtualThread" -> new VirtualThreadEcho();
            default -> throw new IllegalArgumentException("unknown system " + name
                    + ": awaitj, awaitjOneLoop, awaitjGroup2, netty, netty2, nettyEpoll, nettyEpoll2 or virtualThread");
        };
        system.start(connections);
        long total = 0;
        try {
            for (int s = 0; s < seconds; s++) {
                long t0 = System.nanoTime();
                long done = 0;
                while (System.nanoTime() - t0 < 1_000_000_000L) {
                    system.roundTrips(perConnection);
                    done += (long) connections * perConnection;
                }
                double rate = done / ((System.nanoTime() - t0) / 1e9);
                System.out.printf("%s, %d connection(s): %.0f round trips/s%n", name, connections, rate);
                total += done;
            }
            System.out.printf("%s, %d connection(s): %d round trips in all%n", name, connections, total);
        } finally {
            system.close();
        }
    }

    private static String kernelShare(long[] before, long[] after) {
        long user = after[0] - before[0];
        long system = after[1] - before[1];
        return user + system == 0 ? "n/a" : String.format("%.0f%%", 100.0 * system / (user + system));
    }

    private static void separateClient(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "awaitjGroup2";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int perConnection = Math.max(1, EchoCores.ROUND_TRIPS / connections);
        EchoServer server = EchoServer.start(name);
        ClientProcess client = null;
        try {
            client = ClientProcess.start(server.port());
            client.connect(connections);
            long self = ProcessHandle.current().pid();
            long[] serverTicks0 = ClientProcess.userSystemTicks(self);
            long[] clientTicks0 = ClientProcess.userSystemTicks(client.pid());
            long total = 0;
            for (int s = 0; s < seconds; s++) {
                long t0 = System.nanoTime();
                long cpuS = ClientProcess.ownCpuNanos();
                long cpuC = client.cpu().toNanos();
                long done = 0;
                while (System.nanoTime() - t0 < 1_000_000_000L) {
                    client.run(perConnection, connections);
                    done += (long) connections * perConnection;
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%s (client in another JVM), %d connection(s): %.0f round trips/s; cpu per round "
                        + "trip: server %.1f us, client %.1f us%n", name, connections, done / wall,
                        (ClientProcess.ownCpuNanos() - cpuS) / 1e3 / done, (client.cpu().toNanos() - cpuC) / 1e3 / done);
                total += done;
            }
            long[] serverTicks = ClientProcess.userSystemTicks(self);
            long[] clientTicks = ClientProcess.userSystemTicks(client.pid());
            System.out.printf("%s, %d connection(s): %d round trips in all; kernel share of the CPU time: server %s, "
                    + "client %s%n", name, connections, total, kernelShare(serverTicks0, serverTicks),
                    kernelShare(clientTicks0, clientTicks));
        } finally {
            if (client != null) {
                client.close();
            }
            server.close();
        }
    }
}
