package org.awaitj.agent.cost;

import java.io.InputStream;

import org.awaitj.agent.transform.AsyncMarker;
import org.awaitj.agent.transform.AsyncTransformer;
import org.awaitj.testapp.AsyncProgram;

/**
 * The time to rewrite a class with one @Async method of a typical size (AsyncProgram.work: a loop, two awaits,
 * a try/catch; plus its small helper), and the time the pre-filter takes to pass over a class without @Async
 * methods. A loop harness with warm-up (not JMH: benchmarks/ belongs to the JMH suite); run by cost.sh.
 */
public final class TransformCost {
    private TransformCost() {
    }

    public static void main(String[] args) throws Exception {
        byte[] async;
        byte[] plain;
        try (InputStream in = AsyncProgram.class.getResourceAsStream("AsyncProgram.class")) {
            async = in.readAllBytes();
        }
        try (InputStream in = String.class.getResourceAsStream("String.class")) {
            plain = in.readAllBytes();
        }
        int methods = 2;    // work and square
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            int n = round == 0 ? 2_000 : 5_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += AsyncTransformer.transform(async).bytes().length;
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n * 10; i++) {
                sink += AsyncMarker.isPresent(plain) ? 1 : 0;
            }
            long t2 = System.nanoTime();
            if (round > 0) {
                System.out.printf("round %d: rewrite a class with %d @Async methods: %.1f us (%.1f us per method); "
                        + "pre-filter over java/lang/String.class (%d bytes): %.2f us%n", round, methods,
                        (t1 - t0) / 1e3 / n, (t1 - t0) / 1e3 / n / methods, plain.length, (t2 - t1) / 1e3 / (n * 10));
            }
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
