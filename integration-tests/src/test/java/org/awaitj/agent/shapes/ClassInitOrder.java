package org.awaitj.agent.shapes;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;
import static org.awaitj.agent.shapes.Later.*;

/**
 * {@code new C(args)} initialises C before it evaluates the arguments (JLS 12.4.1, 15.9.4). Each class loader
 * that loads this shape has its own Lazy, Failing and LOG, so the synchronous twin (run in the test's own loader)
 * and the rewritten one each see a first initialisation.
 */
public class ClassInitOrder {
    static final List<String> LOG = new ArrayList<>();

    static final class Lazy {
        static {
            LOG.add("clinit");
        }

        final String value;

        Lazy(String value) {
            this.value = value;
            LOG.add("ctor " + value);
        }
    }

    static final class Failing {
        static {
            LOG.add("clinit Failing");
            if (LOG != null) {
                throw new IllegalStateException("static initialiser failed");
            }
        }

        Failing(String value) {
            LOG.add("ctor Failing " + value);
        }
    }

    static String logged(String s) {
        LOG.add("arg " + s);
        return s;
    }

    public static List<String> synchronous() {
        LOG.clear();
        new Lazy(logged("a"));
        new Lazy(logged("b"));
        try {
            new Failing(logged("c"));
        } catch (ExceptionInInitializerError e) {
            LOG.add("caught " + e.getCause().getMessage());
        }
        return new ArrayList<>(LOG);
    }

    @Async
    static Coroutine<List<String>> rewritten() {
        LOG.clear();
        new Lazy(await(later(logged("a"))));
        new Lazy(await(later(logged("b"))));
        try {
            new Failing(await(later(logged("c"))));
        } catch (ExceptionInInitializerError e) {
            LOG.add("caught " + e.getCause().getMessage());
        }
        return result(new ArrayList<>(LOG));
    }
}
