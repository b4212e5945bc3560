package org.awaitj.testapp;

import org.awaitj.agent.AwaitJAgent;

/**
 * A program started without -javaagent that installs the agent itself ({@code AwaitJAgent.install()}, a
 * self-attach through Byte Buddy) before the classes with @Async methods load. With "late", it loads such a
 * class first, so the agent reports it; with "twice", it installs twice.
 */
public final class InstallProgram {
    private InstallProgram() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        if (mode.equals("late")) {
            Class.forName("org.awaitj.testapp.AsyncProgram");
        }
        AwaitJAgent.install();
        if (mode.equals("twice")) {
            AwaitJAgent.install();
        }
        System.out.println("installed: " + AwaitJAgent.isInstalled());
        // by reflection: this class must not make the JVM load AsyncProgram before install() (the verifier could)
        Object result = Class.forName("org.awaitj.testapp.AsyncProgram").getMethod("runAll").invoke(null);
        System.out.println("result: " + result);
    }
}
