package org.awaitj.agent.endtoend;

import java.util.List;

import org.awaitj.agent.shapes.ProxiedAwaits;
import org.awaitj.agent.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Spring AOP proxies of rewritten classes under -javaagent: the proxies' classes, which Spring makes at run time,
 * lose their overrides of the virtual bridges as they load, so the advice is handed the proxied method alone, at
 * every kind of fused site, as without fusing.
 */
class SpringProxyIT {
    @Test
    void theAdviceOfASpringProxyIsHandedItsMethodOnly() {
        String classPath = EndToEnd.classPath(ChildJvm.locationOf(ProxyFactory.class),
                ChildJvm.locationOf(org.springframework.beans.BeansException.class),
                ChildJvm.locationOf(org.springframework.cglib.proxy.Enhancer.class),
                ChildJvm.locationOf(org.apache.commons.logging.LogFactory.class));
        ChildJvm.Result r = ChildJvm.run(List.of("-javaagent:" + EndToEnd.agentJar(), "-cp", classPath),
                ProxiedAwaits.class.getName());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("""
                pastTheLinkedClasses: 5 40 30 40 -7 50 at 2.0 advised [price, price], all [price, price]
                interfaceCallsPastTheLinkedClasses: 5 40 30 40 -7 5 at 2.0 advised [price, price], all [price, price]
                linked: 40 -7 30 at 1.0 advised [price, price, price], all [price, price, price]
                proxiedAsCompiled: 42 at 1.0 advised [twice], all [twice]""", r.out().strip(), r.toString());
        assertEquals(0, EndToEnd.reports(r.err()), r.toString());
    }
}
