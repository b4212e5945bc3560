package org.awaitj.internal;

/**
 * What the agent adds to the interfaces of each class it gives a virtual bridge ({@code m$fused}): an interface
 * call's fused site takes the interface's bridge for receivers that are such ({@link ReceiverSite}), and its table
 * for the others, such as a {@code java.lang.reflect.Proxy} or a lambda, whose bridges would not be the agent's.
 * It declares no method, and must not: a framework that picks how to proxy a class by its interfaces (Spring
 * takes a JDK proxy for a class with an interface that declares methods, else a subclass) then decides as it
 * would for the class as compiled.
 */
@InternalApi
public interface FusedReceiver {
}
