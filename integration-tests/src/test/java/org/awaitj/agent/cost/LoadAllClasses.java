package org.awaitj.agent.cost;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads (defines, without initializing) every class of a jar, and prints how long that took: run with and
 * without the agent, it measures what the agent costs class loading when no class has an @Async method.
 * {@code java [-javaagent:awaitj-agent.jar] -cp test-classes org.awaitj.agent.cost.LoadAllClasses some.jar}
 */
public final class LoadAllClasses {
    private LoadAllClasses() {
    }

    public static void main(String[] args) throws Exception {
        File jar = new File(args[0]);
        List<String> names = new ArrayList<>();
        try (JarFile j = new JarFile(jar)) {
            for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                if (n.endsWith(".class") && !n.contains("-") && !n.startsWith("META-INF/")) {
                    names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int loaded = 0;
        int failed = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toURI().toURL()}, null)) {
            for (String n : names) {
                try {
                    Class.forName(n, false, loader);
                    loaded++;
                } catch (LinkageError | ClassNotFoundException e) {
                    failed++;      // a class that needs an optional dependency
                }
            }
        }
        long nanos = System.nanoTime() - t0;
        long cpu = threads.getCurrentThreadCpuTime() - c0;
        // CPU time of the loading thread (where transformers run): less disturbed by other processes than wall time
        System.out.printf("loaded %d classes (%d could not be) in %.1f ms, %.1f ms of CPU%n", loaded, failed,
                nanos / 1e6, cpu / 1e6);
    }
}
