package org.awaitj;

/**
 * The gate to awaitj's JDK Flight Recorder events ({@link FlightEvents}): whether any recording runs. While
 * none does (almost always), the loop reads this flag once a turn and the task paths once a task; nothing
 * else is paid. The flag follows JFR's recordings through a listener installed when the first loop is made:
 * at once if JFR is up already (a recording started with the JVM sees the first tasks), else on a thread of
 * its own (JFR's classes take a few milliseconds to load on JDK 17), so that a {@code jcmd PID JFR.start}
 * later in the life of the program turns the events on. A JDK without the {@code jdk.jfr} module runs
 * without the events.
 */
final class Flight {
    /** True while a JFR recording runs: the events are then worth preparing (each still checks its own setting). */
    static volatile boolean recording;
    private static volatile boolean listening;

    private Flight() {
    }

    /** A loop is made: on the first, start following JFR's recordings. */
    static void listen() {
        if (listening) {
            return;
        }
        synchronized (Flight.class) {
            if (listening) {
                return;
            }
            listening = true;
        }
        if (recorderIsUp()) {
            follow();
            return;
        }
        Thread t = new Thread(Flight::follow, "awaitj-jfr-listener");
        t.setDaemon(true);
        t.start();
    }

    private static boolean recorderIsUp() {
        try {
            return jdk.jfr.FlightRecorder.isInitialized();
        } catch (LinkageError e) {
            return false;
        }
    }

    private static void follow() {
        try {
            FlightEvents.follow();
        } catch (LinkageError | RuntimeException e) {
            Debug.LOG.log(System.Logger.Level.DEBUG, "JFR is not available: awaitj records no JFR events", e);
        }
    }

    /** Runs one ready entry of the loop while a recording runs: a slow one becomes an event. */
    static void runRecorded(EventLoop loop, Object entry) {
        FlightEvents.runRecorded(loop, entry);
    }

    /** A blocking JDK call is about to be made (the agent marks them): an event if it is on a loop's thread. */
    static void blockingCall(String call, String where) {
        EventLoop loop = RunningLoop.get();
        if (loop != null) {
            FlightEvents.blockingCall(loop, call, where);
        }
    }

    static void taskCreated(Task<?> t) {
        FlightEvents.taskCreated(t);
    }

    static void taskStarted(Task<?> t) {
        FlightEvents.taskStarted(t);
    }

    static void taskDone(Task<?> t) {
        FlightEvents.taskDone(t);
    }
}
