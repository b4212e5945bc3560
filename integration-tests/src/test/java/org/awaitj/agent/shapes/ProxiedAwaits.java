package org.awaitj.agent.shapes;

import java.util.ArrayList;
import java.util.List;

import org.aopalliance.intercept.MethodInterceptor;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.annotations.Async;
import org.springframework.aop.framework.ProxyFactory;

import static org.awaitj.AsyncIO.*;

/**
 * Fused awaits of proxies made at run time, as Spring AOP makes them for a class: a CGLIB subclass that overrides
 * every method it can, the virtual bridges included, and hands each call to its advice, then to its target, which
 * is another object. Whatever the site, the proxy's own method runs, with its advice around it.
 */
public class ProxiedAwaits {
    public interface Priced {
        @Async
        Coroutine<Integer> price(int item);
    }

    public static class Pricing implements Priced {
        @Override
        @Async
        public Coroutine<Integer> price(int item) {
            if (item % 2 == 0) {
                await(sleep(1));
            }
            return result(item * 10);
        }
    }

    public static class Discount extends Pricing {
        @Override
        @Async
        public Coroutine<Integer> price(int item) {
            return result(item * 5);
        }
    }

    public static class Premium extends Pricing {
        @Override
        @Async
        public Coroutine<Integer> price(int item) {
            await(sleep(1));
            return result(item * 20);
        }
    }

    /** A class with no interface, as compiled and as rewritten. */
    public static class Plain {
        @Async
        public Coroutine<Integer> twice(int x) {
            await(sleep(1));
            return result(2 * x);
        }
    }

    /** The names of the methods the advice was handed, in order. */
    static final List<String> ADVISED = new ArrayList<>();

    /**
     * The proxies' advice: records each call, and answers {@code price(7)} itself, as a cache would, with a coroutine
     * of its own instead of the target's.
     */
    private static final MethodInterceptor ADVICE = call -> {
        ADVISED.add(call.getMethod().getName());
        if (call.getMethod().getName().equals("price") && call.getArguments()[0].equals(7)) {
            return sleep(0, -7);
        }
        return call.proceed();
    };

    /** A Spring proxy of a Pricing, a subclass whatever its interfaces. */
    static Pricing proxy() {
        ProxyFactory factory = new ProxyFactory(new Pricing());
        factory.setProxyTargetClass(true);
        factory.addAdvice(ADVICE);
        return (Pricing) factory.getProxy();
    }

    /** The proxy at a class site whose first receivers are of two other classes: past the linked classes. */
    @Async
    static Coroutine<String> pastTheLinkedClasses() {
        ADVISED.clear();
        Pricing proxy = proxy();
        Pricing[] receivers = {new Discount(), new Premium(), new Pricing(), proxy, proxy, new Pricing()};
        int[] items = {1, 2, 3, 4, 7, 5};
        StringBuilder s = new StringBuilder(proxy.getClass().getSimpleName().contains("CGLIB") ? "" : "not a CGLIB proxy ");
        for (int i = 0; i < receivers.length; i++) {
            s.append(await(receivers[i].price(items[i]))).append(' ');
        }
        return result(ending(s));
    }

    /** The same through an interface call: the proxy's class inherits the interface's bridge and Pricing's. */
    @Async
    static Coroutine<String> interfaceCallsPastTheLinkedClasses() {
        ADVISED.clear();
        Priced proxy = proxy();
        Priced[] receivers = {new Discount(), new Premium(), new Pricing(), proxy, proxy, item -> sleep(0, item)};
        int[] items = {1, 2, 3, 4, 7, 5};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < receivers.length; i++) {
            s.append(await(receivers[i].price(items[i]))).append(' ');
        }
        return result(ending(s));
    }

    /** The proxy as a site's first receiver: linked on its class, which runs no direct entry. */
    @Async
    static Coroutine<String> linked() {
        ADVISED.clear();
        Pricing proxy = proxy();
        StringBuilder s = new StringBuilder();
        for (int item : new int[] {4, 7, 3}) {
            s.append(await(proxy.price(item))).append(' ');
        }
        return result(ending(s));
    }

    /**
     * A proxy of a class without interfaces, made as Spring decides by the class's interfaces: a subclass, as for
     * the class as compiled (a JDK proxy would not be a Plain).
     */
    @Async
    static Coroutine<String> proxiedAsCompiled() {
        ADVISED.clear();
        ProxyFactory factory = new ProxyFactory(new Plain());
        factory.addAdvice(ADVICE);
        Object proxy = factory.getProxy();
        if (!(proxy instanceof Plain plain)) {
            return result("a " + proxy.getClass().getName() + ", not a Plain");
        }
        return result(ending(new StringBuilder().append(await(plain.twice(21))).append(' ')));
    }

    /**
     * Under the agent (an end-to-end test runs it so): each shape's outcome, then every method the advice was
     * handed, in which the agent leaves no bridge (it removes the proxy class's overrides of them).
     */
    public static void main(String[] args) {
        String[] names = {"pastTheLinkedClasses", "interfaceCallsPastTheLinkedClasses", "linked", "proxiedAsCompiled"};
        List<Coroutine<String>> shapes = List.of(pastTheLinkedClasses(), interfaceCallsPastTheLinkedClasses(), linked(),
                proxiedAsCompiled());
        for (int i = 0; i < names.length; i++) {
            EventLoop loop = EventLoop.withVirtualTime();
            try {
                System.out.println(names[i] + ": " + loop.runUntilComplete(shapes.get(i)) + ", all " + ADVISED);
            } finally {
                loop.close();
            }
        }
    }

    /**
     * The values, the loop's time, and what the advice was handed but the bridges, which such a proxy's advice is
     * handed too on the fused path.
     */
    private static String ending(StringBuilder values) {
        return values.append("at ").append(getRunningLoop().time()).append(" advised ")
                .append(ADVISED.stream().filter(name -> !name.endsWith("$fused")).toList()).toString();
    }
}
