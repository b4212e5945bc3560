package org.awaitj.agent;

import java.util.List;

import org.awaitj.agent.shapes.Constructors;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConstructorArgumentsTest {
    @Test
    void awaitAsTheOnlyConstructorArgument() {
        assertEquals("Box(x)", Rewritten.run(Constructors.class, "single"));
    }

    @Test
    void awaitBetweenOtherConstructorArguments() {
        assertEquals("7,b," + (1L << 40), Rewritten.run(Constructors.class, "between", 7, 1L << 40));
    }

    @Test
    void awaitInsideNestedConstructors() {
        assertEquals("Box(Box(Box(1)))", Rewritten.run(Constructors.class, "nested"));
    }

    @Test
    void severalAwaitsInOneConstructorCall() {
        assertEquals("1,Box(n),3", Rewritten.run(Constructors.class, "several"));
    }

    @Test
    void branchInsideConstructorArguments() {
        assertEquals("Box(yes) Box(no)", Rewritten.run(Constructors.class, "branchInArguments", true));
        assertEquals("Box(no) Box(yes)", Rewritten.run(Constructors.class, "branchInArguments", false));
    }

    @Test
    void constructorArgumentsStillRunInSourceOrder() {
        assertEquals(List.of("a", "b", "c", "ctor(a,b,c)"), Rewritten.run(Constructors.class, "argumentOrder"));
    }

    @Test
    void arrayCreationAndStoresWithAwaits() {
        assertEquals("[0, 10, 20][[null], [g]][0, 5][o, null]", Rewritten.run(Constructors.class, "arrays"));
    }

    @Test
    void switchExpressionsAndTernariesAroundConstructorsWithAwaits() {
        assertEquals("Box(one) null", Rewritten.run(Constructors.class, "switchInArguments", 1));
        assertEquals("Box(two!) Box(2)", Rewritten.run(Constructors.class, "switchInArguments", 2));
        assertEquals("Box(other) Box(3)", Rewritten.run(Constructors.class, "switchInArguments", 3));
    }

    @Test
    void wideConstructorArguments() {
        assertEquals("1,2.5," + (1L << 40), Rewritten.run(Constructors.class, "wideArguments"));
    }
}
