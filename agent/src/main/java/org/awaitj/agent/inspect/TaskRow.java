package org.awaitj.agent.inspect;

import java.util.ArrayList;
import java.util.List;

import jdk.jfr.consumer.RecordedEvent;

/**
 * One pending task of a running loop, as the target's {@code org.awaitj.TaskSnapshot} JFR event describes it
 * (the runtime's {@code FlightEvents} writes those fields; the agent reads them by name, having no
 * dependency on the runtime).
 *
 * @param stack the await chain, innermost first, as stack trace elements print ("Example.main(Example.java:12)")
 */
record TaskRow(String loop, long loopThreadId, long id, String name, String state, String coroutine, List<String> stack,
        String awaiting, List<Long> awaits, int steps, double secondsOnLoop, String createdAt, boolean consistent) {

    static final String EVENT = "org.awaitj.TaskSnapshot";

    static TaskRow of(RecordedEvent e) {
        String stack = e.getString("stack");
        List<Long> awaits = new ArrayList<>();
        String ids = e.getString("awaitedTaskIds");
        if (ids != null && !ids.isEmpty()) {
            for (String id : ids.split(",")) {
                awaits.add(Long.parseLong(id.trim()));
            }
        }
        return new TaskRow(e.getString("loop"), e.getLong("loopThreadId"), e.getLong("taskId"), e.getString("task"),
                e.getString("state"), e.getString("coroutine"),
                stack == null || stack.isEmpty() ? List.of() : List.of(stack.split("\n")),
                e.getString("awaiting"), awaits, e.getInt("steps"), e.getDouble("secondsOnLoop"),
                e.getString("createdAt"), e.getBoolean("consistent"));
    }

    /** Where the task is suspended: its innermost frame, else its coroutine. */
    String suspendedAt() {
        return stack.isEmpty() ? "-" : stack.get(0);
    }

    /** The coroutines of the chain, innermost first, as asyncio's ps shows them: "fetch -> main". */
    String coroutineStack() {
        List<String> names = new ArrayList<>();
        for (String frame : stack) {
            names.add(method(frame));
        }
        return names.isEmpty() ? coroutine : String.join(" -> ", names);
    }

    /** "Example.main" of "org.example.Example.main(Example.java:12)". */
    static String method(String frame) {
        int paren = frame.indexOf('(');
        String qualified = paren < 0 ? frame : frame.substring(0, paren);
        int method = qualified.lastIndexOf('.');
        int type = method < 0 ? -1 : qualified.lastIndexOf('.', method - 1);
        return qualified.substring(type + 1);
    }

    /** "Example.java:12" of "org.example.Example.main(Example.java:12)". */
    static String place(String frame) {
        int paren = frame.indexOf('(');
        return paren < 0 || !frame.endsWith(")") ? "" : frame.substring(paren + 1, frame.length() - 1);
    }
}
