package org.awaitj.agent;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.EventLoop;
import org.awaitj.agent.shapes.access.p2.Spills;
import org.awaitj.agent.testing.RewritingClassLoader;
import org.awaitj.agent.testing.Rewritten;
import org.awaitj.agent.transform.AsyncTransformer;
import org.awaitj.agent.transform.ClassHierarchy;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A value spilled across an await whose type the coroutine's class cannot access (a package-private class of
 * another package, returned by a public method): the original code never names the type, so no access check
 * is ever made; the rewritten code must not make one either (a cast to it fails with IllegalAccessError).
 * Both packages are loaded by one loader, as on a class path.
 */
class InaccessibleSpillTypesTest {
    private static Object run(String method, Object... args) {
        RewritingClassLoader loader = new RewritingClassLoader("org.awaitj.agent.shapes.access.");
        try {
            return Rewritten.runOn(EventLoop.withVirtualTime(), loader.loadClass(Spills.class.getName()), method, args);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aLocalOfAPackagePrivateTypeOfAnotherPackage() {
        assertEquals("Hidden(x)y", run("inALocal"));
    }

    @Test
    void aStackEntryOfAPackagePrivateTypeOfAnotherPackage() {
        assertEquals("Hidden(z)!", run("onTheStack"));
    }

    @Test
    void theResultOfAFluentMethodInheritedFromAPackagePrivateBase() {
        assertEquals("abBase[c]d", run("fluentBuilder"));
    }

    @Test
    void aValuePassedOnAsTheInaccessibleTypeItself() {
        assertEquals("h?", run("passedAsTheHiddenType"));
    }

    @Test
    void anArrayOfAnInaccessibleType() {
        assertEquals("[Hidden(q), Hidden(qq)].[Hidden(r), Hidden(rr)];", run("hiddenArray"));
    }

    /** Such values live in fields of their own type, restored without a cast; the others share Object fields. */
    @Test
    void theRewrittenCodeNamesNoInaccessibleTypeInACast() throws Exception {
        byte[] bytes;
        try (InputStream in = Spills.class.getResourceAsStream("Spills.class")) {
            bytes = in.readAllBytes();
        }
        RewritingClassLoader loader = new RewritingClassLoader("org.awaitj.agent.shapes.access.");
        AsyncTransformer.Result r = AsyncTransformer.transform(bytes, new ClassHierarchy(loader));
        ClassNode cn = read(r.bytes());
        List<String> casts = new ArrayList<>();
        for (MethodNode m : cn.methods) {
            for (AbstractInsnNode n : m.instructions) {
                if (n.getOpcode() == Opcodes.CHECKCAST && ((TypeInsnNode) n).desc.contains("/access/p1/")) {
                    casts.add(m.name + ": " + ((TypeInsnNode) n).desc);
                }
            }
        }
        assertEquals(List.of(), casts);
        ClassNode local = read(r.generated().stream().filter(g -> g.internalName().endsWith("$inALocal$Coroutine"))
                .findFirst().orElseThrow().bytes());
        List<String> fields = local.fields.stream().map(f -> f.name + " " + f.desc).toList();
        assertTrue(fields.contains("T0_0 Lorg/awaitj/agent/shapes/access/p1/Hidden;"), fields.toString());
        ClassNode builder = read(r.generated().stream().filter(g -> g.internalName().endsWith("$fluentBuilder$Coroutine"))
                .findFirst().orElseThrow().bytes());
        List<String> builderFields = builder.fields.stream().map(f -> f.name + " " + f.desc).toList();
        assertTrue(builderFields.contains("T0_0 Lorg/awaitj/agent/shapes/access/p1/Base;"), builderFields.toString());
        assertTrue(builderFields.contains("L0 Ljava/lang/Object;"), "the String beside it: " + builderFields);
    }

    private static ClassNode read(byte[] bytes) {
        ClassNode cn = new ClassNode();
        new ClassReader(bytes).accept(cn, 0);
        return cn;
    }
}
