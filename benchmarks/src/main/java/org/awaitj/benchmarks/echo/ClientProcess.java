package org.awaitj.benchmarks.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link EchoClient} in a JVM of its own, started with this JVM's {@code java} and class path, and driven
 * over its stdin. Client threads: {@code -Dawaitj.echo.clientThreads} (default 2). Pinning, off by default:
 * {@code -Dawaitj.echo.clientCpus=LIST} starts the client under {@code taskset -c LIST}, and
 * {@code -Dawaitj.echo.serverCpus=LIST} pins every thread of this JVM ({@code taskset -a -p -c LIST}). The
 * client's heap is fixed and small, with a fixed young generation as the benchmark JVMs have (first touches
 * of pages are slow on the machine of BENCHMARKS.md).
 */
final class ClientProcess {
    static final int THREADS = Integer.getInteger("awaitj.echo.clientThreads", 2);

    private final Process process;
    private final BufferedReader from;
    private final PrintWriter to;

    private ClientProcess(Process process) {
        this.process = process;
        from = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        to = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    static ClientProcess start(int port) throws IOException {
        pinThisJvm();
        List<String> cmd = new ArrayList<>();
        String cpus = System.getProperty("awaitj.echo.clientCpus");
        if (cpus != null && !cpus.isEmpty()) {
            cmd.addAll(List.of("taskset", "-c", cpus));
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(java, "-Xms512m", "-Xmx512m", "-Xmn64m"));
        if (Runtime.version().feature() >= 22) {
            cmd.add("--enable-native-access=ALL-UNNAMED");      // Netty's epoll library, without a warning
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), EchoClient.class.getName(),
                Integer.toString(port), Integer.toString(THREADS)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ClientProcess c = new ClientProcess(p);
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        c.expect("ready");
        return c;
    }

    private static void pinThisJvm() throws IOException {
        String cpus = System.getProperty("awaitj.echo.serverCpus");
        if (cpus == null || cpus.isEmpty()) {
            return;
        }
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus,
                    Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException("taskset -a -p -c " + cpus + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private String expect(String what) throws IOException {
        String line;
        while ((line = from.readLine()) != null) {
            if (!line.startsWith("@@ ")) {
                System.out.println("[echo client] " + line);
                continue;
            }
            String answer = line.substring(3);
            if (!answer.startsWith(what)) {
                throw new IOException("echo client: expected " + what + ", got: " + answer);
            }
            return answer.substring(what.length()).trim();
        }
        throw new IOException("echo client: exited (" + exitCode() + ") while " + what + " was expected");
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Opens {@code n} more connections, each checked by one round trip; returns how many are open. */
    int connect(int n) throws IOException {
        to.println("connect " + n);
        return Integer.parseInt(expect("ok"));
    }

    /** The first {@code active} connections make {@code perConnection} round trips each; returns the nanoseconds. */
    long run(int perConnection, int active) throws IOException {
        to.println("run " + perConnection + " " + active);
        return Long.parseLong(expect("done"));
    }

    /** Closes every connection (the client keeps running). */
    void closeConnections() throws IOException {
        to.println("close");
        expect("ok");
    }

    /** CPU time the client process used so far (user and system, from /proc). */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Closes the connections and ends the process. */
    void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            to.println("quit");
            to.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** CPU time this JVM used so far, all threads. */
    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The client's process id. */
    long pid() {
        return process.pid();
    }

    /**
     * User and system CPU time of process {@code pid} so far, in clock ticks (fields 14 and 15 of
     * /proc/PID/stat); zeros where there is no such file.
     */
    static long[] userSystemTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};     // fields 14, 15 counted from 1
        } catch (IOException | RuntimeException e) {
            return new long[2];
        }
    }

    /** This process's resident set (VmRSS of /proc/self/status) in bytes; -1 where there is no such file. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }
}
