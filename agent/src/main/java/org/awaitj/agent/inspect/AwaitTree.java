package org.awaitj.agent.inspect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code pstree} prints, as asyncio 3.14's {@code pstree} does: each loop's tasks as a tree, a task
 * ({@code (T)}) over its chain of coroutines, outermost first, and under its innermost coroutine the tasks it
 * awaits. A task awaited by two tasks appears under both. Cycles of awaits (tasks that wait for each other
 * for ever) are listed first, then drawn with the task that closes the cycle marked instead of expanded.
 */
final class AwaitTree {
    private final Map<Long, TaskRow> tasks = new LinkedHashMap<>();
    private final StringBuilder out = new StringBuilder();

    private AwaitTree(List<TaskRow> rows) {
        for (TaskRow r : rows) {
            tasks.put(r.id(), r);
        }
    }

    static String of(List<TaskRow> rows) {
        Map<Long, List<TaskRow>> loops = new LinkedHashMap<>();
        for (TaskRow r : rows) {
            loops.computeIfAbsent(r.loopThreadId(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder out = new StringBuilder();
        for (List<TaskRow> loop : loops.values()) {
            out.append("event loop on thread '").append(loop.get(0).loop()).append("' (tid ")
                    .append(loop.get(0).loopThreadId()).append(")\n");
            out.append(new AwaitTree(loop).draw());
        }
        return out.toString();
    }

    private String draw() {
        List<List<Long>> cycles = cycles();
        if (!cycles.isEmpty()) {
            out.append("ERROR: the await graph has ").append(cycles.size() == 1 ? "a cycle" : cycles.size() + " cycles")
                    .append(": these tasks wait for each other and will never finish\n");
            for (List<Long> cycle : cycles) {
                List<String> names = new ArrayList<>();
                for (Long id : cycle) {
                    names.add(tasks.get(id).name());
                }
                names.add(tasks.get(cycle.get(0)).name());
                out.append("cycle: ").append(String.join(" → ", names)).append('\n');
            }
        }
        List<TaskRow> roots = new ArrayList<>();
        for (TaskRow r : tasks.values()) {
            if (tasks.values().stream().noneMatch(other -> awaited(other).contains(r.id()))) {
                roots.add(r);
            }
        }
        for (List<Long> cycle : cycles) {
            if (roots.stream().noneMatch(r -> reaches(r.id(), cycle.get(0), new LinkedHashSet<>()))) {
                roots.add(tasks.get(cycle.get(0)));      // a cycle nothing else awaits: drawn from its first task
            }
        }
        for (int i = 0; i < roots.size(); i++) {
            task(roots.get(i), "", i == roots.size() - 1, new LinkedHashSet<>());
        }
        return out.toString();
    }

    private void task(TaskRow t, String indent, boolean last, Set<Long> path) {
        out.append(indent).append(last ? "└── " : "├── ").append("(T) ").append(t.name());
        if (path.contains(t.id())) {
            out.append("  (cycle: awaited above)\n");
            return;
        }
        out.append('\n');
        path.add(t.id());
        String inner = indent + (last ? "    " : "│   ");
        List<String> frames = new ArrayList<>(t.stack());
        Collections.reverse(frames);     // outermost first, as a tree of calls reads
        for (String frame : frames) {
            out.append(inner).append("└──  ").append(TaskRow.method(frame)).append(' ').append(TaskRow.place(frame)).append('\n');
            inner += "    ";
        }
        List<Long> children = awaited(t);
        for (int i = 0; i < children.size(); i++) {
            task(tasks.get(children.get(i)), inner, i == children.size() - 1, path);
        }
        path.remove(t.id());
    }

    /** The tasks {@code t} awaits that belong to this loop. */
    private List<Long> awaited(TaskRow t) {
        List<Long> out = new ArrayList<>();
        for (Long id : t.awaits()) {
            if (tasks.containsKey(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private boolean reaches(long from, long to, Set<Long> seen) {
        if (from == to) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (Long next : awaited(tasks.get(from))) {
            if (reaches(next, to, seen)) {
                return true;
            }
        }
        return false;
    }

    /** The cycles a depth-first walk closes (one per back edge), each from its smallest task id. */
    private List<List<Long>> cycles() {
        Set<List<Long>> found = new LinkedHashSet<>();
        Set<Long> done = new LinkedHashSet<>();
        for (Long start : tasks.keySet()) {
            walk(start, new ArrayList<>(), done, found);
        }
        return new ArrayList<>(found);
    }

    private void walk(long at, List<Long> path, Set<Long> done, Set<List<Long>> found) {
        int onPath = path.indexOf(at);
        if (onPath >= 0) {
            List<Long> cycle = new ArrayList<>(path.subList(onPath, path.size()));
            int min = cycle.indexOf(cycle.stream().min(Long::compare).orElseThrow());
            List<Long> rotated = new ArrayList<>(cycle.subList(min, cycle.size()));
            rotated.addAll(cycle.subList(0, min));
            found.add(rotated);
            return;
        }
        if (!done.add(at)) {
            return;     // walked from already: its cycles are known
        }
        path.add(at);
        for (Long next : awaited(tasks.get(at))) {
            walk(next, path, done, found);
        }
        path.remove(path.size() - 1);
    }
}
