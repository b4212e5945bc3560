package org.awaitj.agent.fuzz;

import java.util.List;

/** The message of a failed fuzz run: every failure in a line or two, the first one reduced, with its source. */
final class FailureReport {
    private static final long REDUCE_MILLIS = 180_000;

    private FailureReport() {
    }

    static String of(List<DifferentialRunner.Failure> failures, boolean minimize) {
        StringBuilder sb = new StringBuilder();
        sb.append(failures.size()).append(" fuzz failure(s); rerun one unit with -Dtest=DifferentialFuzzTest "
                + "-Dawaitj.fuzz.seed=SEED -Dawaitj.fuzz.count=1\n");
        for (DifferentialRunner.Failure f : failures.subList(0, Math.min(10, failures.size()))) {
            sb.append("- seed ").append(f.unit().seed).append(", ")
                    .append(f.program() == null ? "the whole unit" : "program main_" + f.program()).append(": ")
                    .append(f.kind()).append('\n').append(indent(f.detail(), 12)).append('\n');
        }
        DifferentialRunner.Failure first = failures.get(0);
        Unit shown = first.unit();
        if (minimize) {
            shown = Reducer.reduce(first, REDUCE_MILLIS);
            sb.append("\nThe first failure, reduced (async twin; the sync twin is the same with each await "
                    + "evaluated synchronously):\n");
        } else {
            sb.append("\nThe first failure's unit (async twin):\n");
        }
        sb.append(Twins.render(shown, true));
        for (var e : Twins.sources(shown).entrySet()) {
            if (Twins.isAsyncClass(shown, e.getKey())) {
                sb.append("\n// ").append(e.getKey()).append('\n').append(e.getValue());
            }
        }
        if (!shown.features.isEmpty()) {
            sb.append("\n(features ").append(shown.features).append(", javac --release ").append(shown.release).append(")\n");
        }
        if (minimize) {
            sb.append("\nWhat the reduced program does:\n");
            for (DifferentialRunner.Failure f : new DifferentialRunner().run(List.of(shown))) {
                sb.append(f.detail()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String indent(String text, int maxLines) {
        StringBuilder sb = new StringBuilder();
        text.lines().limit(maxLines).forEach(l -> sb.append("    ").append(l).append('\n'));
        return sb.toString();
    }
}
