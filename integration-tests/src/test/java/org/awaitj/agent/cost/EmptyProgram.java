package org.awaitj.agent.cost;

/** The empty program of the start-up measurement: {@code java [-javaagent:awaitj-agent.jar] EmptyProgram}. */
public final class EmptyProgram {
    private EmptyProgram() {
    }

    public static void main(String[] args) {
        // nothing: the process's run time is the JVM's start-up, with or without the agent
    }
}
