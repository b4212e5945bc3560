package org.awaitj.benchmarks;

import java.util.Locale;
import org.awaitj.AsyncIO;

/**
 * A direct check of the capacity goal of workload 7, outside JMH: parks N awaitj tasks on one future in
 * whatever heap the JVM was given ({@code -Xmx2g} in benchmarks/run.sh) and prints one line, "ok: ..." with
 * the heap in use while they are parked, or "failed: ..." when they do not fit.
 *
 * <pre>java -Xmx2g -javaagent:agent/target/awaitj-agent.jar -cp benchmarks/target/benchmarks.jar \
 *     org.awaitj.benchmarks.ParkedCapacity 10000000</pre>
 */
public final class ParkedCapacity {
    private ParkedCapacity() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 10_000_000;
        long max = Runtime.getRuntime().maxMemory();
        HeapMeter m = new HeapMeter();
        long t0 = System.nanoTime();
        try {
            AsyncIO.run(AwaitjWorkloads.parked(n, m));
        } catch (OutOfMemoryError e) {
            m = null;
            System.gc();
            System.out.printf(Locale.ROOT, "failed: %,d parked tasks do not fit in a %.2f GiB heap (%s)%n", n,
                    max / (double) (1L << 30), e);
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "ok: %,d parked tasks in a %.2f GiB heap, %.2f GiB in use while parked "
                        + "(%.0f B/task over the empty loop), %.1f s%n", n, max / (double) (1L << 30),
                m.parked / (double) (1L << 30), (m.parked - m.before) / (double) n, (System.nanoTime() - t0) / 1e9);
    }
}
