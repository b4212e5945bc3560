package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.awaitj.agent.analysis.ControlFlow;
import org.awaitj.agent.analysis.FrameAnalyzer;
import org.awaitj.agent.analysis.Liveness;
import org.awaitj.agent.analysis.MonitorDepth;
import org.awaitj.agent.analysis.TypedFrame;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * The pipeline that rewrites a class's {@code @Async} methods: for each method, check it can be rewritten,
 * move {@code new} past awaits in constructor arguments, analyse (types, liveness, await sites), then emit
 * the body, the factory and the frame class. Pure: bytes in, bytes out; defining classes is the caller's job.
 */
public final class AsyncTransformer {
    /** A frame class to define beside the rewritten class. */
    public record GeneratedClass(String internalName, byte[] bytes) {
    }

    /** The rewritten class (null when nothing changed), the frame classes, and the refusals to report. */
    public record Result(byte[] bytes, List<GeneratedClass> generated, List<String> problems) {
        public boolean changed() {
            return bytes != null;
        }
    }

    private AsyncTransformer() {
    }

    /**
     * True when the class file may have {@code @Async} methods: its constant pool holds the annotation's
     * descriptor. See {@link AsyncMarker}, which the agent calls directly so as not to load this class (and ASM)
     * for classes without {@code @Async} methods.
     */
    public static boolean mayHaveAsyncMethods(byte[] classFile) {
        return AsyncMarker.isPresent(classFile);
    }

    /** {@link #transform(byte[], ClassHierarchy)} with the hierarchy of the system class loader. */
    public static Result transform(byte[] classFile) {
        return transform(classFile, new ClassHierarchy(ClassLoader.getSystemClassLoader()));
    }

    /**
     * Rewrites the class's {@code @Async} methods; {@code hierarchy} tells which types are AsyncCloseable (read
     * from the class files of the loader that defines the class).
     */
    public static Result transform(byte[] classFile, ClassHierarchy hierarchy) {
        if (!mayHaveAsyncMethods(classFile)) {
            return new Result(null, List.of(), List.of());
        }
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, ClassReader.EXPAND_FRAMES);
        List<String> problems = new ArrayList<>();
        List<GeneratedClass> generated = new ArrayList<>();
        List<MethodNode> bodies = new ArrayList<>();
        List<MethodNode> refused = new ArrayList<>();
        Set<String> frameNames = new HashSet<>();
        for (MethodNode m : new ArrayList<>(cn.methods)) {
            if (!isAsync(m) || isSynthetic(m)) {
                continue;
            }
            MethodContext ctx = new MethodContext(cn, m, frameName(cn, m, frameNames));
            try {
                check(ctx);
                if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    continue;   // no body of its own: the annotation only documents the contract
                }
                MethodNode snapshot = copy(m);
                try {
                    bodies.add(rewrite(ctx, generated, hierarchy));
                } catch (Refusal r) {
                    restore(m, snapshot);
                    throw r;
                }
            } catch (Refusal r) {
                problems.add(r.getMessage());
                refused.add(m);
            }
        }
        if (bodies.isEmpty()) {
            return new Result(null, List.of(), problems);
        }
        cn.methods.addAll(bodies);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cn.accept(cw);
        byte[] out = cw.toByteArray();
        String wrong = refused.isEmpty() ? null : RestoredMethods.check(classFile, out, refused);
        if (wrong != null) {
            // a refused method must load as it did: rather than risk it, give the JVM the class as compiled
            problems.add("could not rewrite class " + cn.name.replace('/', '.') + ": " + wrong + " The whole class "
                    + "was loaded exactly as it was compiled: none of its @Async methods were rewritten, and they "
                    + "throw IllegalStateException when they await.");
            return new Result(null, List.of(), problems);
        }
        return new Result(out, generated, problems);
    }

    static boolean isAsync(MethodNode m) {
        return hasAnnotation(m.visibleAnnotations) || hasAnnotation(m.invisibleAnnotations);
    }

    /**
     * Bridges and other synthetic methods are never candidates: javac copies a method's annotations onto the
     * bridge it emits for a generic interface method, whose erased return type may be Object; the bridge only
     * calls the real method, which is rewritten.
     */
    public static boolean isSynthetic(MethodNode m) {
        return (m.access & (Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) != 0;
    }

    private static boolean hasAnnotation(List<AnnotationNode> annotations) {
        if (annotations != null) {
            for (AnnotationNode a : annotations) {
                if (a.desc.equals(Names.ASYNC_DESC)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Refusals that need no analysis: where @Async cannot mean anything. */
    private static void check(MethodContext ctx) throws Refusal {
        MethodNode m = ctx.method;
        if (m.name.equals("<init>")) {
            throw ctx.refuse(null, "@Async on a constructor: a constructor cannot suspend. Make a static @Async "
                    + "factory method that awaits what it needs and then calls the constructor.");
        }
        if (m.name.equals("<clinit>")) {
            throw ctx.refuse(null, "@Async on a static initializer cannot suspend.");
        }
        Type ret = Type.getReturnType(m.desc);
        if (!ret.getDescriptor().equals(Names.COROUTINE_DESC)) {
            throw ctx.refuse(null, "an @Async method must be declared to return org.awaitj.Coroutine<T>, not "
                    + ret.getClassName() + ". Change the return type and end the method with 'return result(value);'.");
        }
        if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            throw ctx.refuse(null, "an @Async method cannot be synchronized: its body runs when it is awaited, "
                    + "not when it is called, and may suspend. Use org.awaitj.sync.Lock instead.");
        }
    }

    private static MethodNode rewrite(MethodContext ctx, List<GeneratedClass> generated, ClassHierarchy hierarchy)
            throws Refusal {
        MethodNode m = ctx.method;
        String owner = ctx.owner.name;
        try {
            AsyncCloseRewriter.apply(m, hierarchy);
            UnreachableCode.stub(m);
            List<MethodInsnNode> awaits = awaits(m);
            TypedFrame[] frames = FrameAnalyzer.analyze(owner, m);
            if (UninitializedNewMover.apply(ctx, frames, reachable(m, awaits, frames))) {
                frames = FrameAnalyzer.analyze(owner, m);
            }
            awaits = reachable(m, awaits, frames);
            ControlFlow cfg = ControlFlow.of(m);
            int[] monitors = MonitorDepth.of(cfg);
            for (MethodInsnNode call : awaits) {
                if (monitors[m.instructions.indexOf(call)] > 0) {
                    throw ctx.refuse(call, "await inside a synchronized block would suspend while holding the "
                            + "monitor, and resume on a step that does not own it. Use org.awaitj.sync.Lock "
                            + "(try (var held = await(lock.locked())) { ... }) instead.");
                }
            }
            Liveness liveness = Liveness.of(cfg);
            StateMachineEmitter emitter = new StateMachineEmitter(ctx, hierarchy);
            MethodNode body = emitter.emit(frames, liveness, awaits);
            FactoryEmitter.emit(ctx, emitter.entry, body.localVariables, emitter.lines[0]);
            generated.add(new GeneratedClass(ctx.frameClass, FrameClassEmitter.emit(ctx, emitter.layout(), body.desc, emitter.lines)));
            return body;
        } catch (AnalyzerException | RuntimeException e) {
            AbstractInsnNode at = e instanceof AnalyzerException a ? a.node : null;
            throw ctx.refuse(at, "the agent could not analyse this method (" + e + "). Please report it with the class file.");
        }
    }

    private static List<MethodInsnNode> awaits(MethodNode m) {
        List<MethodInsnNode> awaits = new ArrayList<>();
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (Names.isAwait(n)) {
                awaits.add((MethodInsnNode) n);
            }
        }
        return awaits;
    }

    /** Awaits in unreachable code stay as they are: they never run, and have no frame to save. */
    private static List<MethodInsnNode> reachable(MethodNode m, List<MethodInsnNode> awaits, TypedFrame[] frames) {
        List<MethodInsnNode> out = new ArrayList<>(awaits.size());
        for (MethodInsnNode call : awaits) {
            if (frames[m.instructions.indexOf(call)] != null) {
                out.add(call);
            }
        }
        return out;
    }

    /** {@code Example$fetchData$Coroutine}, numbered when overloads would share it. */
    private static String frameName(ClassNode cn, MethodNode m, Set<String> taken) {
        String base = cn.name + "$" + m.name.replace('<', '_').replace('>', '_') + "$Coroutine";
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + i;
        }
        return name;
    }

    private static MethodNode copy(MethodNode m) {
        MethodNode c = new MethodNode(Opcodes.ASM9, m.access, m.name, m.desc, m.signature,
                m.exceptions == null ? null : m.exceptions.toArray(new String[0]));
        m.accept(c);
        return c;
    }

    private static void restore(MethodNode m, MethodNode snapshot) {
        m.instructions = snapshot.instructions;
        m.tryCatchBlocks = snapshot.tryCatchBlocks;
        m.localVariables = snapshot.localVariables;
        m.visibleLocalVariableAnnotations = snapshot.visibleLocalVariableAnnotations;
        m.invisibleLocalVariableAnnotations = snapshot.invisibleLocalVariableAnnotations;
        m.maxLocals = snapshot.maxLocals;
        m.maxStack = snapshot.maxStack;
    }
}
