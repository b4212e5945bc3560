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

    private static synchronized void install(Instrumentation inst) {
        if (instrumentation != null) {
            return;
        }
        instrumentation = inst;
        // frame classes are defined into the application's class loaders, which needs ClassLoader.defineClass
        inst.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                Map.of("java.lang", Set.of(AwaitJAgent.class.getModule())), Set.of(), Map.of());
        inst.addTransformer(new AsyncClassFileTransformer(new ClassDefiner()), true);
        System.setProperty("awaitj.agent", "installed");
        LateClasses.report(inst);
    }
}
