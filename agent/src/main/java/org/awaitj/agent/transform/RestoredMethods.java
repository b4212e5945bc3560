package org.awaitj.agent.transform;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.BasicVerifier;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * The guard behind every refusal: a refused method goes back into the rewritten class as it was compiled, and
 * must load as it did. Each refused method of the output is compared with the original's, instruction by
 * instruction, and run through ASM's basic verifier (which loads no class). When one fails, the caller loads
 * the untouched original class instead.
 */
final class RestoredMethods {
    private RestoredMethods() {
    }

    /** Null when every refused method of {@code output} is as compiled and verifies; else what is wrong. */
    static String check(byte[] original, byte[] output, List<MethodNode> refused) {
        ClassNode before = read(original);
        ClassNode after = read(output);
        for (MethodNode r : refused) {
            MethodNode compiled = find(before, r);
            MethodNode restored = find(after, r);
            String where = "@Async method " + before.name.replace('/', '.') + "." + r.name + r.desc;
            if (compiled == null || restored == null) {
                return where + " is missing from the rewritten class.";
            }
            if (!text(compiled).equals(text(restored))) {
                return where + " was refused, and did not come back as it was compiled.";
            }
            if ((restored.access & (org.objectweb.asm.Opcodes.ACC_ABSTRACT | org.objectweb.asm.Opcodes.ACC_NATIVE)) != 0) {
                continue;
            }
            String failure = verify(after.name, restored);
            if (failure != null) {
                String asCompiled = verify(before.name, compiled);
                return where + " was refused, and does not verify as written back (" + failure + ")"
                        + (asCompiled != null ? "; nor does it as compiled (" + asCompiled + ")." : ".");
            }
        }
        return null;
    }

    private static ClassNode read(byte[] classFile) {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, ClassReader.EXPAND_FRAMES);
        return cn;
    }

    private static MethodNode find(ClassNode cn, MethodNode like) {
        for (MethodNode m : cn.methods) {
            if (m.name.equals(like.name) && m.desc.equals(like.desc)) {
                return m;
            }
        }
        return null;
    }

    /** The method as text, without its maximums (the rewritten class's writer computes them again). */
    private static String text(MethodNode m) {
        Textifier t = new Textifier();
        m.accept(new TraceMethodVisitor(t));
        StringWriter w = new StringWriter();
        t.print(new PrintWriter(w));
        StringBuilder sb = new StringBuilder();
        w.toString().lines().filter(l -> !l.contains("MAXSTACK") && !l.contains("MAXLOCALS"))
                .forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    private static String verify(String owner, MethodNode m) {
        try {
            new Analyzer<BasicValue>(new BasicVerifier()).analyze(owner, m);
            return null;
        } catch (AnalyzerException | RuntimeException e) {
            return e.getMessage();
        }
    }
}
