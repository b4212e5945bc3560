package org.awaitj.benchmarks.echo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link EchoCores} interleaved, for a machine whose other tenants take a core now and give it back a minute
 * later: every server of the list runs at once in this JVM (idle servers cost nothing), each with its own
 * {@link EchoClient} process and connections, and the load goes to one server at a time, in slices of
 * {@code slice} seconds, round after round, the order rotated each round. A ratio is then taken within a round
 * (the two slices at most one round apart) and the median over the rounds is reported, with the range; the
 * cores server and client kept busy in each slice say how much of the machine the slice got.
 *
 * <pre>{@code java -javaagent:awaitj-agent.jar -Xms4g -Xmx4g -Xmn128m -cp benchmarks.jar \
 *     org.awaitj.benchmarks.echo.EchoRounds [servers,comma,separated [connections [rounds [slice seconds]]]]}</pre>
 *
 * The first server is the one compared (awaitjGroup2 by default); two rounds of warm-up are not counted.
 */
public final class EchoRounds {
    private static final int WARMUP_ROUNDS = 2;

    private EchoRounds() {
    }

    record Slice(double rate, double serverUs, double clientUs, double coresBusy) {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = List.of((args.length > 0 ? args[0]
                : "awaitjGroup2,awaitj,awaitjGroup1,netty2,netty,nettyEpoll2,nettyEpoll,virtualThread").split(","));
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        double slice = args.length > 3 ? Double.parseDouble(args[3]) : 2;
        int perConnection = Math.max(1, EchoCores.ROUND_TRIPS / connections);

        Map<String, EchoServer> servers = new LinkedHashMap<>();
        Map<String, ClientProcess> clients = new LinkedHashMap<>();
        Map<String, List<Slice>> slices = new LinkedHashMap<>();
        try {
            for (String n : names) {
                EchoServer s = EchoServer.start(n);
                servers.put(n, s);
                ClientProcess c = ClientProcess.start(s.port());
                clients.put(n, c);
                c.connect(connections);
                slices.put(n, new ArrayList<>());
            }
            for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
                boolean counted = round >= WARMUP_ROUNDS;
                StringBuilder line = new StringBuilder(counted ? "round " + (round - WARMUP_ROUNDS + 1) : "warm-up");
                line.append(" (load ").append(loadAverage()).append("):");
                for (int k = 0; k < names.size(); k++) {
                    String n = names.get((k + round) % names.size());
                    ClientProcess c = clients.get(n);
                    long cpuS = ClientProcess.ownCpuNanos();
                    long cpuC = c.cpu().toNanos();
                    long t0 = System.nanoTime();
                    long done = 0;
                    while (System.nanoTime() - t0 < slice * 1e9) {
                        c.run(perConnection, connections);
                        done += (long) perConnection * connections;
                    }
                    double wall = (System.nanoTime() - t0) / 1e9;
                    double s = (ClientProcess.ownCpuNanos() - cpuS) / 1e3 / done;
                    double cl = (c.cpu().toNanos() - cpuC) / 1e3 / done;
                    Slice r = new Slice(done / wall, s, cl, (s + cl) * done / 1e6 / wall);
                    if (counted) {
                        slices.get(n).add(r);
                    }
                    line.append(String.format(" %s %.0f/s (%.2f cores)", n, r.rate, r.coresBusy));
                }
                System.out.println(line);
            }
        } finally {
            for (ClientProcess c : clients.values()) {
                c.close();
            }
            for (EchoServer s : servers.values()) {
                s.close();
            }
        }
        report(names, slices, connections, rounds, slice);
    }

    private static void report(List<String> names, Map<String, List<Slice>> slices, int connections, int rounds,
            double slice) {
        String first = names.get(0);
        List<Slice> base = slices.get(first);
        System.out.println();
        System.out.printf("%d connections, %d rounds of %.0f s slices per server (after %d warm-up rounds)%n%n",
                connections, rounds, slice, WARMUP_ROUNDS);
        System.out.println("| server | round trips/s, median (range) | " + first + " / it, median of the rounds "
                + "(range) | cores busy, median | server CPU / round trip | client CPU / round trip |");
        System.out.println("|---|---|---|---|---|---|");
        for (String n : names) {
            List<Slice> s = slices.get(n);
            double[] rate = s.stream().mapToDouble(Slice::rate).toArray();
            double[] ratio = new double[s.size()];
            for (int i = 0; i < s.size(); i++) {
                ratio[i] = base.get(i).rate / s.get(i).rate;
            }
            System.out.printf("| %s | %,.0f/s (%,.0f-%,.0f) | %.2fx (%.2f-%.2f) | %.2f | %.1f µs | %.1f µs |%n", n,
                    median(rate), min(rate), max(rate), median(ratio), min(ratio), max(ratio),
                    median(s.stream().mapToDouble(Slice::coresBusy).toArray()),
                    median(s.stream().mapToDouble(Slice::serverUs).toArray()),
                    median(s.stream().mapToDouble(Slice::clientUs).toArray()));
        }
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
