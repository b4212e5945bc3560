package org.awaitj.agent.transform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.awaitj.agent.analysis.FrameAnalyzer;
import org.awaitj.agent.analysis.TypedFrame;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * The pipeline that rewrites a class's {@code @Async} methods. For each method: refusals that need no analysis;
 * the pre-passes ({@link AsyncCloseRewriter}, {@link UninitializedNewMover}); the analysis, whose
 * {@link MethodPlan} every later pass reads ({@link SuspensionAnalysis}); then the rewrites of the body, one
 * pass each ({@link BodyMover}, {@link AwaitRewriter}, {@link ResultRewriter}, {@link ResumeSwitch},
 * {@link DeadLocalRanges}), and the factory and the frame class; beside the body, the direct entry of the fused
 * await path ({@link FusedCallSites}, {@link DirectEntryEmitter}). Pure: bytes in, a rewritten class out; writing
 * it and defining the frame classes are the caller's.
 */
public final class AsyncTransformer {
    /** A frame class to define beside the rewritten class. */
    public record GeneratedClass(String internalName, byte[] bytes) {
    }

    /**
     * The class with its {@code @Async} methods rewritten (or as it was read, when none was), the frame classes,
     * and the refusals to report. The class is written by {@link #bytes()} or, with passes of the caller's
     * chained in the same write, by {@link #accept} into {@link #newWriter()}.
     */
    public static final class Result {
        private final ClassNode parsed;
        private final boolean rewritten;
        private final List<GeneratedClass> generated;
        private final List<String> problems;

        Result(ClassNode parsed, boolean rewritten, List<GeneratedClass> generated, List<String> problems) {
            this.parsed = parsed;
            this.rewritten = rewritten;
            this.generated = List.copyOf(generated);
            this.problems = List.copyOf(problems);
        }

        /**
         * True when the class must load exactly as it was read: the pre-filter found no @Async descriptor, or a
         * refused method could not be restored as compiled.
         */
        public boolean untouched() {
            return parsed == null;
        }

        /** True when at least one method was rewritten. */
        public boolean changed() {
            return rewritten;
        }

        /** The rewritten class file; null when nothing changed. */
        public byte[] bytes() {
            if (!rewritten) {
                return null;
            }
            ClassWriter cw = newWriter();
            parsed.accept(cw);
            return cw.toByteArray();
        }

        /** Visits the class, rewritten or as it was read (null when the pre-filter found no @Async descriptor). */
        public void accept(ClassVisitor visitor) {
            if (parsed == null) {
                throw new IllegalStateException("the class has no @Async methods and was not parsed");
            }
            parsed.accept(visitor);
        }

        public List<GeneratedClass> generated() {
            return generated;
        }

        public List<String> problems() {
            return problems;
        }
    }

    private AsyncTransformer() {
    }

    /**
     * The writer of rewritten classes: it computes the maximum stack sizes and locals (the rewriting leaves
     * estimates), not the stack map frames (the rewriting keeps them exact, and computing them loads classes).
     */
    public static ClassWriter newWriter() {
        return new ClassWriter(ClassWriter.COMPUTE_MAXS);
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
        if (!AsyncMarker.isPresent(classFile) || BuildTimeMark.isPresent(classFile)) {    // marked: rewritten at build time
            return new Result(null, false, List.of(), List.of());
        }
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, ClassReader.EXPAND_FRAMES);
        List<String> problems = new ArrayList<>();
        List<GeneratedClass> generated = new ArrayList<>();
        List<MethodNode> bodies = new ArrayList<>();
        List<MethodNode> refused = new ArrayList<>();
        Set<String> frameNames = new HashSet<>();
        for (MethodNode m : new ArrayList<>(cn.methods)) {
            if (!isAsync(m)) {
                GeneratorChecks.strayEmit(cn, m, problems);     // a lambda's body included
                continue;
            }
            if (isSynthetic(m)) {
                continue;       // a bridge javac copied @Async onto: never a candidate
            }
            MethodContext ctx = new MethodContext(cn, m, frameName(cn, m, frameNames));
            try {
                check(ctx);
                if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    if ((m.access & Opcodes.ACC_ABSTRACT) != 0 && VirtualBridgeEmitter.applies(cn, m)) {
                        bodies.add(VirtualBridgeEmitter.emit(cn, m, false));   // for the overrides to override
                    }
                    continue;   // no body of its own: the annotation only documents the contract
                }
                boolean bridged = VirtualBridgeEmitter.applies(cn, m);
                MethodNode snapshot = copy(m);
                List<MethodNode> rewritten;
                try {
                    rewritten = rewrite(ctx, generated, hierarchy);
                } catch (Refusal r) {
                    restore(m, snapshot);
                    throw r;
                }
                bodies.addAll(rewritten);
                if (bridged) {
                    bodies.add(VirtualBridgeEmitter.emit(cn, m, rewritten.size() > 1));
                }
            } catch (Refusal r) {
                problems.add(r.getMessage());
                refused.add(m);
            }
        }
        cn.methods.addAll(bodies);
        String wrong = refused.isEmpty() ? null : RestoredMethods.check(classFile, cn, refused);
        if (wrong != null) {
            // a refused method must load as it did: rather than risk it, give the JVM the class as compiled
            problems.add("could not rewrite class " + cn.name.replace('/', '.') + ": " + wrong + " The whole class "
                    + "was loaded exactly as it was compiled: none of its @Async methods were rewritten, and they "
                    + "throw IllegalStateException when they await.");
            return new Result(null, false, List.of(), problems);
        }
        if (!bodies.isEmpty()) {
            SerialVersionKeeper.keep(classFile, cn, hierarchy);
        }
        return new Result(cn, !bodies.isEmpty(), generated, problems);
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
        if (!ret.getDescriptor().equals(Names.COROUTINE_DESC) && !ctx.generator) {
            throw ctx.refuse(null, "an @Async method must be declared to return " + Names.javaName(Names.COROUTINE)
                    + "<T>, not " + ret.getClassName()
                    + ". Change the return type and end the method with 'return result(value);' (or, for an "
                    + "async generator, return " + Names.javaName(Names.ASYNC_GENERATOR) + "<T> and end it with "
                    + "'return finish();').");
        }
        GeneratorChecks.check(ctx);
        if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            throw ctx.refuse(null, "an @Async method cannot be synchronized: its body runs when it is awaited, "
                    + "not when it is called, and may suspend. Use " + Names.javaName(Names.LOCK) + " instead.");
        }
    }

    /**
     * Rewrites the method into its factory and returns its body, and its direct entry when it has one; adds its
     * frame class to {@code generated}.
     */
    private static List<MethodNode> rewrite(MethodContext ctx, List<GeneratedClass> generated, ClassHierarchy hierarchy)
            throws Refusal {
        MethodNode m = ctx.method;
        String owner = ctx.owner.name;
        try {
            AsyncCloseRewriter.apply(m, hierarchy);
            UnreachableCode.stub(m);
            TypedFrame[] frames = FrameAnalyzer.analyze(owner, m);
            if (UninitializedNewMover.apply(ctx, frames)) {
                frames = FrameAnalyzer.analyze(owner, m);
            }
            MethodPlan plan = SuspensionAnalysis.plan(ctx, frames, hierarchy);
            MethodNode direct = FusedCallSites.hasDirectEntry(ctx) ? DirectEntryEmitter.emit(plan) : null;
            MethodNode body = BodyMover.apply(plan);
            AwaitRewriter.apply(body, plan);
            ResultRewriter.apply(body);
            ResumeSwitch.apply(body, plan);
            InlineDepthHoister.apply(body);
            DeadLocalRanges.apply(body, plan);
            FactoryEmitter.emit(plan, body.localVariables);
            generated.add(new GeneratedClass(ctx.frameClass, FrameClassEmitter.emit(plan)));
            return direct == null ? List.of(body) : List.of(body, direct);
        } catch (AnalyzerException | RuntimeException e) {
            AbstractInsnNode at = e instanceof AnalyzerException a ? a.node : null;
            throw ctx.refuse(at, "the agent could not analyse this method (" + e + "). Please report it with the class file.");
        }
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
