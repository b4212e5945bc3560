package org.awaitj.agent.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code ps} prints: one line per pending task, as asyncio 3.14's {@code ps} does: the loop's thread, the
 * task's id and name, its state, its chain of coroutines, where it is suspended and which tasks it awaits; and,
 * for a loop in debug mode, the task's steps and time on the loop.
 */
final class TaskTable {
    private TaskTable() {
    }

    static String of(List<TaskRow> rows) {
        boolean counters = rows.stream().anyMatch(r -> r.steps() > 0);
        List<String[]> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("tid", "loop", "task id", "task name", "state", "coroutine stack",
                "suspended at", "awaits"));
        if (counters) {
            header.addAll(List.of("steps", "on loop"));
        }
        lines.add(header.toArray(new String[0]));
        for (TaskRow r : rows) {
            List<String> line = new ArrayList<>(List.of(String.valueOf(r.loopThreadId()), r.loop(), String.valueOf(r.id()),
                    r.name(), r.state(), r.coroutineStack(), r.suspendedAt(),
                    r.awaits().stream().map(String::valueOf).collect(Collectors.joining(", "))));
            if (counters) {
                line.add(String.valueOf(r.steps()));
                line.add(String.format(Locale.ROOT, "%.3f s", r.secondsOnLoop()));
            }
            lines.add(line.toArray(new String[0]));
        }
        StringBuilder out = new StringBuilder(columns(lines));
        if (rows.stream().anyMatch(r -> !r.consistent())) {
            out.append("(a step held a loop: its tasks were read while it ran, and may be a step out of date)\n");
        }
        return out.toString();
    }

    private static String cell(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    /** The cells padded to their column's width, with a rule under the header. */
    static String columns(List<String[]> lines) {
        int[] width = new int[lines.get(0).length];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], cell(l[i]).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < lines.size(); row++) {
            String[] l = lines.get(row);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                String cell = cell(l[i]);
                line.append(cell).append(" ".repeat(width[i] - cell.length() + (i + 1 < l.length ? 2 : 0)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (row == 0) {
                int total = 0;
                for (int w : width) {
                    total += w + 2;
                }
                out.append("-".repeat(total - 2)).append('\n');
            }
        }
        return out.toString();
    }
}
