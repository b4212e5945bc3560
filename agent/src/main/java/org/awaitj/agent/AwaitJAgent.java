package org.awaitj.agent;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The awaitj agent: {@code java -javaagent:awaitj-agent.jar ...}, or {@link #install()} at run time. It
 * rewrites every {@code @Async} method of the classes loaded after it is installed.
 */
public final class AwaitJAgent {
    private static Instrumentation instrumentation;

    private AwaitJAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        install(inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        install(inst);
    }

    /**
     * Installs the agent into the running JVM, for programs started without {@code -javaagent} (it attaches
     * through Byte Buddy). Call it before the classes with {@code @Async} methods are loaded: a class loaded
     * earlier keeps its methods as they were, and is reported. Installing twice does nothing.
     */
    public static synchronized void install() {
        if (instrumentation == null) {
            install(ByteBuddyAgent.install());
        }
    }

    /** Whether the agent is installed in this JVM. */
    public static synchronized boolean isInstalled() {
        return instrumentation != null;
    }

    /** The path of the agent's jar, or "installed" when its classes do not come from a jar. */
    private static String jar() {
        try {
            var source = AwaitJAgent.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                java.nio.file.Path p = java.nio.file.Path.of(source.getLocation().toURI());
                if (p.toString().endsWith(".jar")) {
                    return p.toString();
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // not a file: nothing to pass on
        }
        return "installed";
    }

    private static synchronized void install(Instrumentation inst) {
        if (instrumentation != null) {
            return;
        }
        instrumentation = inst;
        // frame classes are defined into the application's class loaders, which needs ClassLoader.defineClass
        inst.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                Map.of("java.lang", Set.of(AwaitJAgent.class.getModule())), Set.of(), Map.of());
        inst.addTransformer(new AsyncClassFileTransformer(new ClassDefiner()), true);
        System.setProperty("awaitj.agent", jar());     // the runtime passes it on to its worker JVMs
        LateClasses.report(inst);
    }
}
