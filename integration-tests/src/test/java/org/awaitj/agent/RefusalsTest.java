package org.awaitj.agent;

import java.io.IOException;
import java.util.List;

import org.awaitj.EventLoop;
import org.awaitj.agent.shapes.Refusals;
import org.awaitj.agent.testing.RewritingClassLoader;
import org.awaitj.agent.testing.Rewritten;
import org.awaitj.agent.testing.SourceLines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.objectweb.asm.Opcodes.*;

/** Load-time refusals: a message naming class, method and line, saying what to do; the class still loads. */
class RefusalsTest {
    private static RewritingClassLoader loader;
    private static Class<?> refusals;

    @BeforeAll
    static void load() throws ClassNotFoundException {
        loader = new RewritingClassLoader("org.awaitj.agent.shapes.");
        refusals = loader.loadClass(Refusals.class.getName());
    }

    private static String problem(String method) {
        List<String> found = loader.problems.stream().filter(p -> p.contains("Refusals." + method + "(")).toList();
        assertEquals(1, found.size(), "one refusal of " + method + " in " + loader.problems);
        return found.get(0);
    }

    @Test
    void exactlyTheThreeBadMethodsAreRefused() {
        assertEquals(3, loader.problems.size(), loader.problems.toString());
    }

    @Test
    void asyncMethodNotReturningACoroutine() throws IOException {
        String p = problem("notACoroutine");
        assertTrue(p.contains("cannot rewrite @Async method org.awaitj.agent.shapes.Refusals.notACoroutine() at Refusals.java:"
                + SourceLines.of(Refusals.class, "// REFUSED RETURN TYPE") + ":"), p);
        assertTrue(p.contains("must be declared to return org.awaitj.Coroutine<T>, not java.lang.String"), p);
        assertTrue(p.contains("Change the return type"), p);
    }

    @Test
    void synchronizedAsyncMethod() throws IOException {
        String p = problem("synchronizedMethod");
        assertTrue(p.contains("org.awaitj.agent.shapes.Refusals.synchronizedMethod() at Refusals.java:"
                + SourceLines.of(Refusals.class, "// REFUSED SYNCHRONIZED") + ":"), p);
        assertTrue(p.contains("cannot be synchronized") && p.contains("Use org.awaitj.sync.Lock"), p);
    }

    @Test
    void awaitInsideASynchronizedBlock() throws IOException {
        String p = problem("awaitInSynchronizedBlock");
        assertTrue(p.contains("org.awaitj.agent.shapes.Refusals.awaitInSynchronizedBlock(java.lang.Object) at Refusals.java:"
                + SourceLines.of(Refusals.class, "// REFUSED MONITOR") + ":"), p);
        assertTrue(p.contains("await inside a synchronized block") && p.contains("Use org.awaitj.sync.Lock"), p);
    }

    @Test
    void theClassStillLoadsAndItsOtherAsyncMethodsWork() throws Exception {
        java.lang.reflect.Method plain = refusals.getDeclaredMethod("notACoroutine");
        plain.setAccessible(true);
        assertEquals("plain", plain.invoke(null));
        // a refused method is left as it was: its body runs when called, and its await says it was not rewritten
        java.lang.reflect.Method left = refusals.getDeclaredMethod("awaitInSynchronizedBlock", Object.class);
        left.setAccessible(true);
        Throwable e = assertThrows(java.lang.reflect.InvocationTargetException.class, () -> left.invoke(null, new Object())).getCause();
        assertTrue(e instanceof IllegalStateException && e.getMessage().contains("outside a rewritten @Async method"), e.toString());
        EventLoop loop = EventLoop.withVirtualTime();
        try {
            assertEquals(42, loop.runUntilComplete(Rewritten.call(refusals, "fine", new Object())));
            assertEquals("inside!", loop.runUntilComplete(Rewritten.call(refusals, "awaitInACatchAroundASynchronizedBlock", new Object())));
        } finally {
            loop.close();
        }
    }

    @Test
    void asyncConstructorAndStaticInitializerAreRefusedInAClassThatStillLoads() throws Exception {
        // javac refuses @Async on a constructor (its @Target is METHOD): write the class file by hand
        String name = "org/awaitj/agent/shapes/GeneratedCtor";
        RewritingClassLoader l = new RewritingClassLoader("org.awaitj.agent.shapes.");
        l.supply(name.replace('/', '.'), classWithAsyncConstructor(name));
        Class<?> c = l.loadClass(name.replace('/', '.'));
        assertEquals(2, l.problems.size(), l.problems.toString());
        String ctor = l.problems.get(0);
        assertTrue(ctor.contains("cannot rewrite @Async method org.awaitj.agent.shapes.GeneratedCtor.<init>() at GeneratedCtor.java:42:"), ctor);
        assertTrue(ctor.contains("@Async on a constructor") && ctor.contains("Make a static @Async factory method"), ctor);
        String clinit = l.problems.get(1);
        assertTrue(clinit.contains("org.awaitj.agent.shapes.GeneratedCtor.<clinit>() at GeneratedCtor.java:7:"), clinit);
        assertTrue(clinit.contains("@Async on a static initializer"), clinit);
        assertNotNull(c.getDeclaredConstructor().newInstance());
        EventLoop loop = EventLoop.withVirtualTime();
        try {
            assertEquals("ok", loop.runUntilComplete(Rewritten.call(c, "ok")));
        } finally {
            loop.close();
        }
    }

    /** {@code @Async GeneratedCtor() {}} (line 42), an @Async static initializer (line 7), and {@code @Async static Coroutine<Object> ok()}. */
    private static byte[] classWithAsyncConstructor(String name) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", null);
        cw.visitSource("GeneratedCtor.java", null);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitAnnotation("Lorg/awaitj/annotations/Async;", false).visitEnd();
        mv.visitCode();
        Label start = new Label();
        mv.visitLabel(start);
        mv.visitLineNumber(42, start);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitAnnotation("Lorg/awaitj/annotations/Async;", false).visitEnd();
        mv.visitCode();
        Label s2 = new Label();
        mv.visitLabel(s2);
        mv.visitLineNumber(7, s2);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        mv = cw.visitMethod(ACC_STATIC, "ok", "()Lorg/awaitj/Coroutine;", null, null);
        mv.visitAnnotation("Lorg/awaitj/annotations/Async;", false).visitEnd();
        mv.visitCode();
        mv.visitLdcInsn("ok");
        mv.visitMethodInsn(INVOKESTATIC, "org/awaitj/AsyncIO", "result", "(Ljava/lang/Object;)Lorg/awaitj/Coroutine;", false);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
