package org.awaitj.agent;

import org.awaitj.EventLoop;
import org.awaitj.agent.testing.RewritingClassLoader;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DefaultPackageTest {
    @Test
    void asyncMethodInTheDefaultPackage() throws ClassNotFoundException {
        // a package-less name: the loader takes the class's own name as its prefix
        RewritingClassLoader loader = new RewritingClassLoader("DefaultPackageShape");
        Class<?> c = loader.loadClass("DefaultPackageShape");
        assertEquals(java.util.List.of("DefaultPackageShape$twice$Coroutine"), loader.generated);
        assertEquals("abab", Rewritten.runOn(EventLoop.withVirtualTime(), c, "twice", "ab"));
    }
}
