package org.awaitj.agent.inspect;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code java -jar awaitj-agent.jar ps PID} and {@code pstree PID}, asyncio 3.14's {@code python -m asyncio
 * ps|pstree}: the task table, or the tree of which task awaits which, of every event loop running in another
 * JVM of the same user. Exits 0, 1 when the JVM cannot be inspected, 2 on bad arguments.
 */
public final class Inspect {
    private Inspect() {
    }

    /** {@code args}: "ps" or "pstree", then the PID (the jar's Main-Class hands them over as they were given). */
    public static int run(String[] args, PrintStream out) {
        if (args.length != 2 || !(args[0].equals("ps") || args[0].equals("pstree")) || !args[1].matches("\\d+")) {
            out.println("usage: java -jar awaitj-agent.jar ps PID      the tasks of each event loop of a running JVM");
            out.println("       java -jar awaitj-agent.jar pstree PID  the same as a tree of who awaits whom");
            return 2;
        }
        List<TaskRow> rows;
        try {
            rows = Snapshot.of(args[1]);
        } catch (IOException | RuntimeException e) {
            out.println("cannot inspect JVM " + args[1] + ": " + e.getMessage()
                    + " (it must be a running JVM of this user, on JDK 17 or later)");
            return 1;
        }
        if (rows.isEmpty()) {
            out.println("no pending tasks in JVM " + args[1] + " (no awaitj event loop is running there)");
            return 0;
        }
        out.print(args[0].equals("ps") ? TaskTable.of(rows) : AwaitTree.of(rows));
        return 0;
    }
}
