package org.awaitj;


/**
 * The management view of a running loop in debug mode, registered as
 * {@code org.awaitj:type=EventLoop,name=<thread>}: jconsole, JMC or any JMX client can print its task tree
 * while the program runs.
 */
public interface EventLoopMXBean {
    /** {@link EventLoop#dumpTasks()}, computed on the loop's thread. */
    String dumpTasks();

    /** How many tasks are pending. */
    int getPendingTaskCount();
}
