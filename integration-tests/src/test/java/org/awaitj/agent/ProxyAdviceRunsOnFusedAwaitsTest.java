package org.awaitj.agent;

import org.awaitj.agent.shapes.ProxiedAwaits;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Spring AOP proxy of a rewritten class, awaited at fused sites of every kind: its advice runs around each call of
 * the method, and what the advice returns is what the await gets (the build runs this class again with the fused
 * path off, where the same holds).
 */
class ProxyAdviceRunsOnFusedAwaitsTest {
    @Test
    void aProxyPastTheLinkedClassesOfAClassSiteRunsItsAdvice() {
        assertEquals("5 40 30 40 -7 50 at 2.0 advised [price, price]",
                Rewritten.run(ProxiedAwaits.class, "pastTheLinkedClasses"));
    }

    @Test
    void aProxyPastTheLinkedClassesOfAnInterfaceSiteRunsItsAdvice() {
        assertEquals("5 40 30 40 -7 5 at 2.0 advised [price, price]",
                Rewritten.run(ProxiedAwaits.class, "interfaceCallsPastTheLinkedClasses"));
    }

    @Test
    void aClassWithoutInterfacesIsProxiedAsCompiled() {
        assertEquals("42 at 1.0 advised [twice]", Rewritten.run(ProxiedAwaits.class, "proxiedAsCompiled"));
    }

    @Test
    void aProxyLinkedAtItsSiteRunsItsAdvice() {
        assertEquals("40 -7 30 at 1.0 advised [price, price, price]", Rewritten.run(ProxiedAwaits.class, "linked"));
    }
}
