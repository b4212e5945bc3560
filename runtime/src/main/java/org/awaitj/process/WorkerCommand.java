package org.awaitj.process;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts a worker JVM of a {@link ProcessPoolExecutor}: the parent's {@code java},
 * {@code -Xshare:auto -XX:+UseSerialGC}, the awaitj agent if the parent was started with it, the pool's
 * extra options, the parent's class path, then {@link ProcessPoolWorker} and its arguments: the parent's
 * pid and the charsets of the parent's System.out and System.err.
 */
final class WorkerCommand {
    private static final String JAVAAGENT = "-javaagent:";

    private WorkerCommand() {
    }

    /** The command, with {@code extraOptions} after the default JVM options. */
    static List<String> of(List<String> extraOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(awaitjAgent());
        cmd.addAll(extraOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path", "."));
        cmd.add(ProcessPoolWorker.class.getName());
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        cmd.add(encoding("stdout.encoding", "sun.stdout.encoding"));
        cmd.add(encoding("stderr.encoding", "sun.stderr.encoding"));
        return List.copyOf(cmd);
    }

    private static String javaExecutable() {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        Path java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * The awaitj agent, if this JVM runs it: the agent records the path of its jar in the system property
     * {@code awaitj.agent} when it installs, so the worker gets the same rewriting.
     */
    private static List<String> awaitjAgent() {
        String jar = System.getProperty("awaitj.agent");
        if (jar == null || !jar.endsWith(".jar") || !Files.isRegularFile(Path.of(jar))) {
            return List.of();
        }
        return List.of(JAVAAGENT + jar);
    }

    /** The charset named by {@code property}, or by the older {@code legacyProperty}, or the default one. */
    private static String encoding(String property, String legacyProperty) {
        String e = System.getProperty(property);
        if (e == null) {
            e = System.getProperty(legacyProperty);
        }
        if (e == null || !Charset.isSupported(e)) {
            e = Charset.defaultCharset().name();
        }
        return e;
    }
}
