package org.awaitj.process;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The command line that starts a worker JVM of a {@link ProcessPoolExecutor}: the parent's {@code java},
 * {@code -Xshare:auto -XX:+UseSerialGC}, the awaitj agent if the parent was started with it, the pool's
 * extra options, the parent's class path, then {@link ProcessPoolWorker} and its arguments: the parent's
 * pid and the charsets of the parent's System.out and System.err.
 */
final class WorkerCommand {
    /**
     * The Premain-Class of the awaitj agent's jar. The runtime does not link against the agent module, so it
     * names its class by string.
     */
    private static final String AGENT_CLASS = "org.awaitj.agent.AwaitJAgent";
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

    /** The -javaagent option that loaded the awaitj agent into this JVM, if any. */
    private static List<String> awaitjAgent() {
        if (System.getProperty("awaitj.agent") == null) {
            return List.of();
        }
        String[] args = ProcessHandle.current().info().arguments().orElse(new String[0]);
        for (String a : args) {
            if (!a.startsWith(JAVAAGENT)) {
                continue;
            }
            String jar = a.substring(JAVAAGENT.length());
            int eq = jar.indexOf('=');
            String path = eq >= 0 ? jar.substring(0, eq) : jar;
            try (JarFile f = new JarFile(path)) {
                var manifest = f.getManifest();
                if (manifest != null && AGENT_CLASS.equals(manifest.getMainAttributes().getValue("Premain-Class"))) {
                    return List.of(a);
                }
            } catch (IOException | SecurityException e) {
                // not that one
            }
        }
        return List.of();
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
