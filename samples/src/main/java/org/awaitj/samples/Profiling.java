package org.awaitj.samples;

import static org.awaitj.AsyncIO.*;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;

/**
 * The guide's "Profiling" tip: find out whether work is IO-bound or CPU-bound. Two tasks take about as long:
 * one downloads pages (simulated: it mostly waits), the other counts primes (it computes, and gives the loop
 * back between chunks). Debug mode's per-task counters tell them apart: the IO-bound task spent almost none
 * of its time on the loop, the CPU-bound one almost all of it. While it runs ({@code Profiling 30} runs 30
 * times longer), {@code java -jar awaitj-agent.jar pstree PID} shows which task holds the loop, and a
 * {@code jcmd PID JFR.start} recording shows its steps as {@code org.awaitj.SlowStep} events.
 */
public class Profiling {

    /** IO-bound: each page is a wait for the network, and a little work when it arrives. */
    @Async
    static Coroutine<Integer> download(int pages) {
        int bytes = 0;
        for (int page = 0; page < pages; page++) {
            await(sleep(0.05));             // waiting for the server: the loop runs other tasks meanwhile
            bytes += 1024 + page;
        }
        return result(bytes);
    }

    /**
     * CPU-bound: counts the primes below {@code limit}, {@code rounds} times over, yielding to the other tasks
     * after each chunk.
     */
    @Async
    static Coroutine<Integer> countPrimes(int limit, int chunk, int rounds) {
        int primes = 0;
        for (int round = 0; round < rounds; round++) {
            primes = 0;
            for (int from = 2; from < limit; from += chunk) {
                primes += primesIn(from, Math.min(from + chunk, limit));     // holds the loop for the whole chunk
                await(sleep(0));
            }
        }
        return result(primes);
    }

    private static int primesIn(int from, int to) {
        int count = 0;
        for (int n = from; n < to; n++) {
            boolean prime = true;
            for (int d = 2; (long) d * d <= n && prime; d++) {
                prime = n % d != 0;
            }
            count += prime ? 1 : 0;
        }
        return count;
    }

    @Async
    static Coroutine<String> main(int scale) {
        long start = System.nanoTime();
        Task<Integer> io = createTask(download(20 * scale), "io-bound");
        Task<Integer> cpu = createTask(countPrimes(3_000_000, 20_000, scale), "cpu-bound");
        Map<Task<?>, Double> lifetime = new HashMap<>();
        for (Task<Integer> t : List.of(io, cpu)) {
            t.addDoneCallback(done -> lifetime.put(t, (System.nanoTime() - start) / 1e9));
        }
        await(gather(io, cpu));
        await(sleep(0));        // the done callbacks run
        return result(describe(io, lifetime.get(io)) + "\n" + describe(cpu, lifetime.get(cpu)));
    }

    /**
     * The task's counters (debug mode keeps them), and what they say: a task that held the loop for most of its
     * life is CPU-bound; one that spent it waiting is IO-bound.
     */
    static String describe(Task<?> t, double lifetime) {
        double share = t.secondsOnLoop() / lifetime;
        return String.format(Locale.ROOT, "%s: %d steps, on the loop %.0f%% of its %.1f s: %s", t.getName(), t.steps(),
                share * 100, lifetime, share > 0.5 ? "CPU-bound" : "IO-bound");
    }

    public static void main(String[] args) {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        long start = System.nanoTime();
        System.out.println(AsyncIO.run(main(scale), true));        // debug mode: the per-task counters
        System.out.printf(Locale.ROOT, "Finished in %.2f seconds%n", (System.nanoTime() - start) / 1e9);
    }
}
