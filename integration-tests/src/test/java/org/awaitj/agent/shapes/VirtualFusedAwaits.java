package org.awaitj.agent.shapes;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/**
 * Fused awaits of virtual and interface calls, {@code await(x.m(args))}: the site links on the class of its first
 * receivers, up to two classes, to the direct entry of the method each class runs, and reaches those of further
 * classes through the method's virtual bridge, or in a table by class (the factory and an await for a class
 * without one); overrides that are {@code @Async}, hand-made or inherited, abstract and default methods, a null
 * receiver.
 */
public class VirtualFusedAwaits {
    public static class Account {
        int balance;

        @Async
        Coroutine<Integer> deposit(int amount, boolean slow) {
            if (slow) {
                await(sleep(1));
            }
            if (amount < 0) {
                throw new IllegalArgumentException("negative deposit"); // THROW LINE
            }
            balance += amount;
            return result(balance);
        }
    }

    /** An {@code @Async} override that calls the method it overrides (a super call: fused on Account's entry). */
    public static class Audited extends Account {
        final List<String> log = new ArrayList<>();

        @Override
        @Async
        Coroutine<Integer> deposit(int amount, boolean slow) {
            log.add("audit " + amount);
            return result(await(super.deposit(amount, slow)));
        }
    }

    /** An override that is not {@code @Async}: a coroutine made by hand. */
    public static class Fixed extends Account {
        @Override
        Coroutine<Integer> deposit(int amount, boolean slow) {
            return sleep(1, -amount);
        }
    }

    /** Inherits the method of Account: the site finds Account's entry for it. */
    public static class Savings extends Account {
    }

    /**
     * One site, receivers of four classes in turn; {@code subclassFirst} puts an Audited first, so that the site
     * links on Audited and takes the factory for the plain accounts.
     */
    @Async
    static Coroutine<String> oneSiteManyClasses(boolean subclassFirst) {
        Account[] accounts = subclassFirst
                ? new Account[] {new Audited(), new Account(), new Fixed(), new Savings(), new Audited()}
                : new Account[] {new Account(), new Audited(), new Fixed(), new Savings(), new Account()};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < accounts.length; i++) {
            s.append(await(accounts[i].deposit(10 * (i + 1), i % 2 == 0))).append(' ');
        }
        for (Account a : accounts) {
            if (a instanceof Audited audited) {
                s.append(audited.log);
            }
        }
        return result(s.append(" at ").append(getRunningLoop().time()).toString());
    }

    /** Inherits Audited's override. */
    public static class Premium extends Audited {
    }

    /** Inherit Account's method, as Savings does. */
    public static class Checking extends Account {
    }

    public static class Junior extends Savings {
    }

    /**
     * One site whose first receivers are of two classes that only inherit the method, so that every later receiver
     * goes past the linked classes, through the virtual bridge of the method its class runs: an Account and an
     * Audited run their entries from their own bridges, a Premium from the Audited bridge it inherits; a Fixed (an
     * override that is not rewritten) and the accounts that inherit Account's method go on to the site inside
     * Account's bridge, and past the classes that one links too.
     */
    @Async
    static Coroutine<String> pastTheLinkedClasses() {
        Account[] accounts = {new Savings(), new Checking(), new Account(), new Audited(), new Premium(), new Fixed(),
                new Junior(), new Savings(), new Account(), new Audited()};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < accounts.length; i++) {
            s.append(await(accounts[i].deposit(i + 1, i % 3 == 0))).append(' ');
        }
        for (Account a : accounts) {
            if (a instanceof Audited audited) {
                s.append(audited.log);
            }
        }
        return result(s.append(" at ").append(getRunningLoop().time()).toString());
    }

    /** An abstract {@code @Async} method: the overrides' bridges override the abstract class's. */
    public abstract static class Shape {
        @Async
        abstract Coroutine<Integer> area(int scale);
    }

    public static class Square extends Shape {
        @Override
        @Async
        Coroutine<Integer> area(int scale) {
            return result(scale * scale);
        }
    }

    public static class Segment extends Shape {
        @Override
        @Async
        Coroutine<Integer> area(int scale) {
            await(sleep(1));
            return result(0);
        }
    }

    public static class Oblong extends Shape {
        @Override
        @Async
        Coroutine<Integer> area(int scale) {
            return result(2 * scale * scale);
        }
    }

    /** Inherits Square's. */
    public static class Tile extends Square {
    }

    @Async
    static Coroutine<String> abstractMethod() {
        Shape[] shapes = {new Square(), new Segment(), new Oblong(), new Tile(), new Segment(), new Square()};
        StringBuilder s = new StringBuilder();
        for (Shape shape : shapes) {
            s.append(await(shape.area(3))).append(' ');
        }
        return result(s.append("at ").append(getRunningLoop().time()).toString());
    }

    /**
     * The override's exception, thrown before or after it suspended, reaches the caller with every line;
     * {@code pastTheLinkedClasses}: the site has linked two other classes first, so the throwing receiver's call
     * goes through Account's bridge.
     */
    @Async
    static Coroutine<Throwable> catches(boolean slow, boolean pastTheLinkedClasses) {
        Account[] accounts = pastTheLinkedClasses
                ? new Account[] {new Savings(), new Checking(), new Account()}
                : new Account[] {new Savings()};
        for (int i = 0; i < accounts.length; i++) {
            Account account = accounts[i];
            try {
                await(account.deposit(i == accounts.length - 1 ? -1 : 1, slow)); // CALL LINE
            } catch (IllegalArgumentException e) {
                return result(e);
            }
        }
        return result(null);
    }

    @Async
    static Coroutine<String> nullReceiver() {
        Account account = null;
        try {
            await(account.deposit(1, false));
        } catch (NullPointerException e) {
            return result("NPE");
        }
        return result("no NPE");
    }

    public interface Polite {
        @Async
        default Coroutine<String> thank(String who) {
            await(sleep(1));
            return result("thanks " + who);
        }
    }

    public static class Butler implements Polite {
    }

    public static class Host implements Polite {
        @Override
        @Async
        public Coroutine<String> thank(String who) {
            return result("cheers " + who);
        }
    }

    /** An interface whose method is {@code @Async} (abstract): its bridge, a default method, for the overrides to override. */
    public interface Greeter {
        @Async
        Coroutine<String> greet(String who);
    }

    /** Another interface with the same method. */
    public interface Welcomer {
        @Async
        Coroutine<String> greet(String who);
    }

    public static class English implements Greeter {
        @Override
        @Async
        public Coroutine<String> greet(String who) {
            return result("hello " + who);
        }
    }

    public static class Slow implements Greeter {
        @Override
        @Async
        public Coroutine<String> greet(String who) {
            await(sleep(1));
            return result("hi " + who);
        }
    }

    /** Inherits English's. */
    public static class British extends English {
    }

    /** Not rewritten: a coroutine made by hand. */
    public static class Canned implements Greeter {
        @Override
        public Coroutine<String> greet(String who) {
            return sleep(1, "canned " + who);
        }
    }

    /**
     * Rewritten (it has an {@code @Async} method, so it has bridges) but its greet is not: it inherits the bridges
     * of both interfaces, which the JVM cannot choose between.
     */
    public static class Both implements Greeter, Welcomer {
        @Override
        public Coroutine<String> greet(String who) {
            return sleep(0, "both " + who);
        }

        @Async
        Coroutine<String> other() {
            return result("other");
        }
    }

    public static class Grumpy implements Greeter {
        @Override
        @Async
        public Coroutine<String> greet(String who) {
            throw new IllegalStateException("no greeting for " + who);
        }
    }

    /**
     * One interface site, its first receivers a hand-made coroutine's class and a lambda's, so that the others go
     * past the linked classes: through Greeter's bridge to their own (English, Slow) or to the one they inherit
     * (British); through the site's table for a class with two bridges to choose from, and for proxies, whose
     * handlers must never be handed a bridge.
     */
    @Async
    static Coroutine<String> interfaceCalls() {
        Greeter lambda = who -> sleep(0, "lambda " + who);
        Greeter proxy = proxy("proxy", Greeter.class);
        // a proxy made for every interface of a rewritten class, as frameworks make them
        Greeter ofAll = proxy("proxy of all", English.class.getInterfaces());
        Greeter[] greeters = {new Canned(), lambda, new English(), new Slow(), new Both(), new British(), new Canned(),
                new English(), proxy, ofAll};
        StringBuilder s = new StringBuilder();
        for (Greeter g : greeters) {
            s.append(await(g.greet("you"))).append(", ");
        }
        return result(s.append("at ").append(getRunningLoop().time()).toString());
    }

    /** A proxy that greets with {@code word}, and fails if it is handed any other method than greet. */
    private static Greeter proxy(String word, Class<?>... interfaces) {
        return (Greeter) Proxy.newProxyInstance(Greeter.class.getClassLoader(), interfaces, (p, method, args) -> {
            if (!method.getName().equals("greet")) {
                throw new AssertionError("the proxy was handed " + method);
            }
            return sleep(0, word + " " + args[0]);
        });
    }

    /** An interface call past the linked classes whose callee throws: its bridge is on the way. */
    @Async
    static Coroutine<Throwable> grumpyPastTheLinkedClasses() {
        Greeter[] greeters = {new Canned(), new English(), new Grumpy()};
        for (Greeter g : greeters) {
            try {
                await(g.greet("you"));
            } catch (IllegalStateException e) {
                return result(e);
            }
        }
        return result(null);
    }

    /** An interface's default method and an override of it, through one site. */
    @Async
    static Coroutine<String> defaultMethods() {
        Polite[] polite = {new Host(), new Butler(), new Host()};
        StringBuilder s = new StringBuilder();
        for (Polite p : polite) {
            s.append(await(p.thank("you"))).append(", ");
        }
        return result(s.append("at ").append(getRunningLoop().time()).toString());
    }
}
