package org.awaitj;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * asyncio's "coroutine ... was never awaited", reported as soon as it is known rather than when the collector
 * gets to it:
 * <ul>
 * <li>a coroutine whose value the calling code drops ({@code fetchData(3);}): the agent marks such calls, so
 * it is reported at the call, with its line, in any mode, at no cost to code that awaits what it calls;</li>
 * <li>in any mode, a coroutine the calling code stores in a local or a field
 * ({@code Coroutine<String> c = fetchData(3);}), which the agent marks too: reported when the loop closes if it
 * never started, or earlier if it is collected unstarted while the loop runs. The mark costs a list entry until
 * the loop's turn ends (most such coroutines are awaited or scheduled in the step that made them); only one still
 * unstarted then gets a record that follows it weakly (a look every time those records have doubled);</li>
 * <li>in debug mode, a coroutine made during a step of the loop and neither started nor held by anything the
 * loop will run when the step ends (see {@link Reachability}); one that is held is checked again when the
 * loop closes, the end of {@code AsyncIO.run};</li>
 * <li>in debug mode still, a coroutine that is collected unstarted: the backstop.</li>
 * </ul>
 * Each place is reported once per loop (Python's warnings once per process: a test runner that runs each
 * test on a loop of its own wants to hear of each).
 */
final class NeverAwaited {
    /** The backstop's thread (package-private: a test holds it busy to see what the loop reports itself). */
    static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "awaitj-never-awaited-cleaner");
        t.setDaemon(true);
        return t;
    });
    /** What a coroutine kept and handed to another loop holds until that loop starts it. */
    private static final CreationSite HANDED_OFF = new CreationSite("", "");

    static {
        HANDED_OFF.settled = true;
    }

    /** The places reported with no loop to tell them apart: collected coroutines, drops outside a loop. */
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    /** The places this loop has reported. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** Coroutines made during the loop's running step, in debug mode. */
    private final List<Coroutine<?>> madeThisStep = new ArrayList<>();
    /**
     * Unstarted coroutines something still held when their step ended: looked at again when the loop closes,
     * with their sites, so that one collected meanwhile is reported then too, not later by the backstop.
     */
    private final List<Kept> held = new ArrayList<>();
    /** Coroutines the agent saw kept unawaited during this turn, outside debug mode, and where each was kept. */
    private final ArrayList<Coroutine<?>> keptThisTurn = new ArrayList<>();
    private final ArrayList<String> keptWhere = new ArrayList<>();
    /** Those of earlier turns still unstarted when their turn ended, and the size that makes the next look. */
    private final List<Kept> kept = new ArrayList<>();
    private int lookAt = 64;

    /** Where a coroutine was made, in debug mode; it waits in the coroutine's unused result field. */
    static final class CreationSite implements Runnable {
        private static final VarHandle SETTLED;

        static {
            try {
                SETTLED = MethodHandles.lookup().findVarHandle(CreationSite.class, "settled", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final String coroutine;
        /** A StackTraceElement (debug mode) or the "File.java:line" the agent planted. */
        private final Object where;
        /** Started, handed to another loop, or reported: nothing more to say. */
        volatile boolean settled;
        /** Awaited, scheduled or handed to another loop: what a test's recording asks (reported or not). */
        volatile boolean started;

        /** Made by the coroutine's constructor: the application frame on the stack is the one that made it. */
        CreationSite(Coroutine<?> c) {
            this.coroutine = describeUnderConstruction(c);
            this.where = Debug.callerOutsideRuntime();
        }

        /** Kept where the agent's mark says: the coroutine is fully made and names itself. */
        CreationSite(String coroutine, String where) {
            this.coroutine = coroutine;
            this.where = where;
        }

        String place() {
            return where instanceof String s ? s : Debug.where((StackTraceElement) where);
        }

        String message() {
            return "coroutine '" + coroutine + "' was never awaited (created at " + place()
                    + "): await it, or schedule it with createTask";
        }

        /** The coroutine was collected. */
        @Override
        public void run() {
            if (settle()) {
                report(REPORTED, coroutine, place());
            }
        }

        /** True for the one caller that settles the site: the backstop's thread and the loop may race to report it. */
        boolean settle() {
            return !settled && SETTLED.compareAndSet(this, false, true);
        }
    }

    /**
     * A name for a coroutine whose subclass constructors have not run yet: a generated frame's names its method
     * already; a hand-written one may need fields not set yet, and is named by its class.
     */
    private static String describeUnderConstruction(Coroutine<?> c) {
        try {
            return c.describe();
        } catch (RuntimeException e) {
            return c.getClass().getName();
        }
    }

    /** Debug mode: a coroutine is made. */
    static void created(Coroutine<?> c) {
        CreationSite site = new CreationSite(c);
        c.result = site;
        CLEANER.register(c, site);
        DebugRecording.created(site);
        EventLoop loop = RunningLoop.get();
        if (loop != null && loop.getDebug()) {
            of(loop).madeThisStep.add(c);
        }
    }

    private static NeverAwaited of(EventLoop loop) {
        if (loop.neverAwaited == null) {
            loop.neverAwaited = new NeverAwaited();
        }
        return loop.neverAwaited;
    }

    /** A coroutine is awaited or scheduled. */
    static void started(Coroutine<?> c) {
        if (c.result instanceof CreationSite site) {
            site.started = true;
            site.settled = true;
            c.result = null;
        }
    }

    /** {@code runCoroutineThreadsafe}: another loop starts it, later; this loop's checks leave it alone. */
    static void handedOff(Coroutine<?> c) {
        if (c.result instanceof CreationSite site) {
            site.started = true;
            site.settled = true;
        } else if (c.result == null && RunningLoop.get() != null) {
            c.result = HANDED_OFF;      // perhaps a keep of this loop's turn: its turn end lets it go
        }
    }

    /** The agent's mark on a call whose coroutine the caller drops: {@code where} is the call's file and line. */
    static void discarded(Object value, String where) {
        if (value instanceof Coroutine<?> c && !c.isStarted()) {
            if (c.result instanceof CreationSite site) {
                site.settled = true;
            }
            EventLoop loop = RunningLoop.get();
            report(loop != null ? of(loop).reported : REPORTED, c.describe(), where);
        }
    }

    /** A coroutine to look at again, kept (outside debug mode) or held: its creation site, and whether it still exists. */
    private static final class Kept extends WeakReference<Coroutine<?>> {
        final CreationSite site;

        Kept(Coroutine<?> c, CreationSite site) {
            super(c);
            this.site = site;
        }
    }

    /** The agent's mark on a call whose coroutine the caller stores in a local or a field, unawaited. */
    static void kept(Object value, String where) {
        // the shared sleep(0) is never started, so it cannot be kept
        if (value instanceof Coroutine<?> c && c.task == null && c != Sleep.YIELD) {
            EventLoop loop = RunningLoop.get();
            if (loop != null && !loop.getDebug()) {     // debug mode looks at every coroutine a step made
                NeverAwaited n = of(loop);
                n.keptThisTurn.add(c);
                n.keptWhere.add(where);
            }
        }
    }

    /** A turn of {@code loop} is over; nothing to do unless it ever kept a coroutine or ran in debug mode. */
    static void turnEnded(EventLoop loop) {
        if (loop.neverAwaited != null) {
            loop.neverAwaited.turnEnded();
        }
    }

    /** The loop's turn is over: what was kept during it and is still unstarted gets a record of its own. */
    void turnEnded() {
        ArrayList<Coroutine<?>> turn = keptThisTurn;
        if (turn.isEmpty()) {
            return;
        }
        for (int i = 0; i < turn.size(); i++) {
            Coroutine<?> c = turn.get(i);
            if (c.task != null) {
                continue;       // started: what most kept coroutines are by now
            }
            CreationSite site;
            if (c.result == null) {
                site = new CreationSite(c.describe(), keptWhere.get(i));
                c.result = site;
            } else if (c.result instanceof CreationSite s && !s.settled) {
                site = s;       // made while another loop's debug mode was on, or kept twice
            } else {
                continue;       // handed to another loop
            }
            if (kept.size() >= lookAt) {
                // what started since is dropped; what was collected unstarted can never start now
                kept.removeIf(k -> k.site.settled || k.get() == null && forgotten(k.site));
                lookAt = Math.max(64, 2 * kept.size());
            }
            kept.add(new Kept(c, site));
        }
        boolean large = turn.size() > 1024;
        turn.clear();
        keptWhere.clear();
        if (large) {
            turn.trimToSize();      // a gather of a million keeps no million slots for ever
            keptWhere.trimToSize();
        }
    }

    /** The step that made these coroutines is over: those not started and held by nothing were forgotten. */
    void stepEnded(EventLoop loop) {
        if (madeThisStep.isEmpty()) {
            return;
        }
        List<Coroutine<?>> unstarted = new ArrayList<>();
        for (Coroutine<?> c : madeThisStep) {
            if (c.result instanceof CreationSite site && !site.settled) {
                unstarted.add(c);
            }
        }
        madeThisStep.clear();
        if (unstarted.isEmpty()) {
            return;
        }
        Set<Object> stillHeld = Reachability.heldBy(loop, unstarted);
        for (Coroutine<?> c : unstarted) {
            if (stillHeld == null || stillHeld.contains(c)) {
                held.add(new Kept(c, (CreationSite) c.result));     // awaited in a later step, or not known: look again at the end
            } else {
                forgotten(c, reported);
            }
        }
    }

    /** The loop closes: what is still unstarted will never run on it. */
    void loopClosing() {
        madeThisStep.clear();
        turnEnded();
        for (List<Kept> list : List.of(held, kept)) {
            for (Kept k : list) {
                Coroutine<?> c = k.get();
                if (k.site.settled) {
                    continue;
                }
                if (c != null) {
                    forgotten(c, reported);     // named as it names itself now that it is fully made
                } else {
                    forgotten(k.site);
                }
            }
            list.clear();
        }
    }

    private static void forgotten(Coroutine<?> c, Set<String> reported) {
        CreationSite site = (CreationSite) c.result;
        if (site.settle()) {
            report(reported, c.describe(), site.place());
        }
    }

    /** A kept coroutine never started: always true, to drop it from the record. */
    private boolean forgotten(CreationSite site) {
        if (site.settle()) {
            report(reported, site.coroutine, site.place());
        }
        return true;
    }

    private static void report(Set<String> reported, String coroutine, String where) {
        if (reported.add(coroutine + " at " + where)) {
            Debug.LOG.log(System.Logger.Level.WARNING, "coroutine '" + coroutine + "' was never awaited (created at "
                    + where + "): await it, or schedule it with createTask");
        }
    }
}
