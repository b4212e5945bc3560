package org.awaitj.agent;

import java.util.List;

import org.awaitj.agent.shapes.Kinds;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodKindsTest {
    @Test
    void staticMethod() {
        assertEquals("int 4", Rewritten.run(Kinds.class, "describe", 4));
    }

    @Test
    void instanceMethodsUseFieldsOfThisAndPrivateMembers() {
        assertEquals("c#2 c#4 4 secret=400", Rewritten.run(Kinds.class, "instanceMethods"));
    }

    @Test
    void interfaceDefaultMethod() {
        assertEquals("hello, world! / hi, VENUS!", Rewritten.run(Kinds.class, "interfaceDefault"));
    }

    @Test
    void enumMethods() {
        assertEquals("14 MERCURY", Rewritten.run(Kinds.class, "enumMethods"));
    }

    @Test
    void recordMethod() {
        assertEquals("Point[x=4, y=10]", Rewritten.run(Kinds.class, "recordMethod"));
    }

    @Test
    void superCallOfAnOverriddenAsyncMethodAndStaticInterfaceMethod() {
        assertEquals("derived(base) 42", Rewritten.run(Kinds.class, "superAndInterfaceStatic"));
    }

    @Test
    void abstractAsyncMethodOverriddenThroughABridge() {
        assertEquals("Square area 9", Rewritten.run(Kinds.class, "abstractAndBridge"));
    }

    @Test
    void innerClassOfAGenericClass() {
        assertEquals("v=8/8", Rewritten.run(Kinds.class, "genericInnerClass"));
    }

    @Test
    void anAwaitInsideALambdaIsNotRewrittenAndSaysSo() {
        String r = Rewritten.run(Kinds.class, "awaitInALambda");
        assertTrue(r.startsWith("await(...) called outside a rewritten @Async method"), r);
    }

    @Test
    void genericMethod() {
        assertEquals("pear 9", Rewritten.run(Kinds.class, "generics"));
    }

    @Test
    void overloadedMethodsWithTheSameName() {
        assertEquals("int 1; String s; long,double 2,0.5", Rewritten.run(Kinds.class, "overloads"));
    }

    @Test
    void recursion() {
        assertEquals(55L, (long) Rewritten.run(Kinds.class, "fib", 10));
    }

    @Test
    void lambdasCaptureLocals() {
        assertEquals(List.of("base=10 size=0", "r=15", "each 11", "each 12", "base=10 size=4"),
                Rewritten.run(Kinds.class, "lambdas"));
    }
}
