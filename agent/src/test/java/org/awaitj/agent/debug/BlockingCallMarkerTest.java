package org.awaitj.agent.debug;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BlockingCallMarkerTest {
    static class Blocking {
        static String run(CompletableFuture<String> f) throws InterruptedException {
            Thread.sleep(1);                 // line 26
            return f.join();                 // line 27
        }

        static int quiet(int x) {
            return x * 2;
        }
    }

    static class Quiet {
        int twice(int x) {
            return x * 2;
        }
    }

    private static byte[] bytes(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void eachBlockingCallIsPrecededByAReportWithItsLine() throws IOException {
        byte[] marked = CallSiteMarks.mark(bytes(Blocking.class));
        StringWriter report = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(marked), getClass().getClassLoader(), false, new PrintWriter(report));
        assertEquals("", report.toString());

        ClassNode cn = new ClassNode();
        new ClassReader(marked).accept(cn, 0);
        MethodNode run = cn.methods.stream().filter(m -> m.name.equals("run")).findFirst().orElseThrow();
        List<String> reports = new ArrayList<>();
        for (AbstractInsnNode n = run.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof MethodInsnNode call && call.name.equals("blockingCall")) {
                LdcInsnNode where = (LdcInsnNode) call.getPrevious();
                LdcInsnNode what = (LdcInsnNode) where.getPrevious();
                reports.add(what.cst + " at " + where.cst);
            }
        }
        assertEquals(List.of("Thread.sleep at BlockingCallMarkerTest.java:26",
                "CompletableFuture.join at BlockingCallMarkerTest.java:27"), reports);
    }

    @Test
    void aClassWithoutBlockingCallsIsLeftAsItWas() throws IOException {
        assertNull(CallSiteMarks.mark(bytes(Quiet.class)));
    }
}
