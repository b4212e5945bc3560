package org.awaitj.benchmarks;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The entry point of {@code benchmarks.jar}: JMH's own command line, plus the JVM flags every benchmark JVM
 * needs, so that all systems run in identically configured JVMs:
 *
 * <ul>
 *   <li>{@code -javaagent:<awaitj-agent.jar>} (its path is written into the jar by the build; override with
 *       {@code -Dawaitj.agent.jar=...}). Classes without {@code @Async} methods pass through it untouched;</li>
 *   <li>{@code -Djdk.virtualThreadScheduler.parallelism=1}: virtual threads get one carrier, as every other
 *       system gets one thread;</li>
 *   <li>a fixed 4 GiB heap ({@code -Xms4g -Xmx4g}), the heap the memory workload speaks of, with a fixed
 *       128 MiB young generation ({@code -Xmn128m}). On the machine these figures come from, the first touch
 *       of a 4 KiB page costs about 18 us (pre-touching 4 GiB takes 18 s). With G1's default sizing the young
 *       generation grows to gigabytes, and every benchmark that allocates pays page faults for its whole run
 *       (a 40-byte frame measured 100-200 ns instead of 3 ns, CompletableFuture's ping-pong 590 ns instead of
 *       65 ns), which rewards whoever allocates least rather than whoever runs fastest. A small fixed young
 *       generation is touched once, during warm-up, and reused from then on.</li>
 * </ul>
 *
 * <p>{@code --quick} and {@code --full} run the preset of {@code benchmarks/run.sh}: every workload and the
 * echo benchmark (or those matching the include regexps given) with {@code -prof gc}, the steady-state ones
 * (average time) then the single-shot ones (a million tasks), and write all results into one JSON file
 * ({@code --json FILE}, default {@code jmh-result.json}). Any other arguments are JMH's:
 * {@code java -jar benchmarks.jar -prof gc PingPong}.
 */
public final class BenchMain {
    /** The benchmarks measured once per iteration (a million tasks each): run with their own settings. */
    static final String SINGLE_SHOT = "\\.(Sleepers|ParkedMemory)\\.";
    /**
     * What the presets run, besides the single shots, when no include is given: steady state, and the echo with
     * its client in the same JVM (EchoCores, the client in another JVM, runs on its own: run.sh --cores).
     */
    static final String STEADY = "\\.(NonSuspendingAwait|PingPong|QueueHandOff|FreeWaits|LockTurns|TaskSpawn|Gather1000|DeepChain|FlatChain|GatherScaling)\\."
            + "|\\.echo\\.Echo\\.";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String preset = null;
        String json = "jmh-result.json";
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> preset = "quick";
                case "--full" -> preset = "full";
                case "--json" -> json = args[++i];
                default -> jmhArgs.add(args[i]);
            }
        }
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing command line: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers()
                || cmd.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(jmhArgs.toArray(new String[0]));
            return;
        }
        List<String> jvmArgs = new ArrayList<>(benchmarkJvmArgs());
        if (cmd.getJvmArgsAppend().hasValue()) {
            jvmArgs.addAll(cmd.getJvmArgsAppend().get());
        }
        String[] appended = jvmArgs.toArray(new String[0]);

        if (preset == null) {
            Options opts = new OptionsBuilder().parent(cmd).jvmArgsAppend(appended).build();
            new Runner(opts).run();
            return;
        }
        boolean full = preset.equals("full");
        List<String> includes = cmd.getIncludes().isEmpty() ? List.of(STEADY, SINGLE_SHOT) : cmd.getIncludes();
        List<RunResult> all = new ArrayList<>();

        // steady state: average time per operation
        ChainedOptionsBuilder steady = new OptionsBuilder().jvmArgsAppend(appended)
                .addProfiler(GCProfiler.class)
                .exclude(SINGLE_SHOT)
                .forks(full ? 2 : 1)
                .warmupIterations(full ? 5 : 2).warmupTime(TimeValue.seconds(1))
                // quick: four half-second iterations rather than two of a second, the same time, so that the
                // range of each ratio over the iterations (ratios.py) rests on more than two points
                .measurementIterations(full ? 5 : 4)
                .measurementTime(full ? TimeValue.seconds(1) : TimeValue.milliseconds(500))
                .shouldFailOnError(false);
        if (cmd.getJvm().hasValue()) {
            steady.jvm(cmd.getJvm().get());
        }
        boolean anySteady = false;
        for (String inc : includes) {
            if (!isSingleShot(inc)) {
                steady.include(inc);
                anySteady = true;
            }
        }
        if (anySteady) {
            all.addAll(new Runner(steady.build()).run());
        }

        // single shots, a million tasks each: the sleepers' time wants a warm JIT, the heap figures do not
        all.addAll(runSingleShot(includes, "Sleepers", appended, cmd, full ? 1 : 0, full ? 3 : 1));
        all.addAll(runSingleShot(includes, "ParkedMemory", appended, cmd, full ? 1 : 0, full ? 2 : 1));

        try (PrintStream out = new PrintStream(new FileOutputStream(json), true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(all);
        }
        System.out.println("Results of " + all.size() + " benchmarks written to " + new File(json).getAbsolutePath());
    }

    private static List<RunResult> runSingleShot(List<String> includes, String benchmarkClass, String[] jvmArgs,
            CommandLineOptions cmd, int warmups, int measurements) throws RunnerException {
        ChainedOptionsBuilder b = new OptionsBuilder().jvmArgsAppend(jvmArgs)
                .addProfiler(GCProfiler.class)
                .forks(1)
                .warmupIterations(warmups)
                .measurementIterations(measurements)
                .shouldFailOnError(false);
        if (cmd.getJvm().hasValue()) {
            b.jvm(cmd.getJvm().get());
        }
        boolean any = false;
        for (String inc : includes) {
            if (inc.equals(SINGLE_SHOT) || inc.equals(".*")) {
                b.include("\\." + benchmarkClass + "\\.");
                any = true;
            } else if (inc.contains(benchmarkClass)) {
                b.include(inc);
                any = true;
            }
        }
        return any ? new ArrayList<>(new Runner(b.build()).run()) : List.of();
    }

    private static boolean isSingleShot(String include) {
        return include.matches(".*(Sleepers|ParkedMemory).*");
    }

    /** The flags added to every benchmark JVM. */
    static List<String> benchmarkJvmArgs() throws IOException {
        String agent = System.getProperty("awaitj.agent.jar");
        if (agent == null) {
            Properties p = new Properties();
            try (InputStream in = BenchMain.class.getResourceAsStream("/awaitj-bench.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            agent = p.getProperty("agent.jar");
        }
        if (agent == null || !new File(agent).isFile()) {
            throw new IllegalStateException("the awaitj agent jar was not found at '" + agent + "': build it "
                    + "(benchmarks/run.sh, or mvn -B -Pbenchmarks -DskipTests package -pl benchmarks -am from the "
                    + "repository root) or pass -Dawaitj.agent.jar=PATH");
        }
        return List.of("-javaagent:" + new File(agent).getAbsolutePath(),
                "-Djdk.virtualThreadScheduler.parallelism=1",
                // workload 9 keeps every level of every system's chain out of line
                "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=dontinline,org.awaitj.benchmarks.kotlin.KotlinWorkloads::flatChain",
                "-Xms4g", "-Xmx4g", "-Xmn128m");
    }
}
