package org.awaitj;


import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.management.ObjectName;

/** Registers running debug-mode loops with the platform MBean server, so a JMX client can dump their tasks. */
final class LoopManagement {
    private static final Map<EventLoop, ObjectName> REGISTERED = new ConcurrentHashMap<>();

    private LoopManagement() {
    }

    static void register(EventLoop loop) {
        try {
            ObjectName name = new ObjectName("org.awaitj:type=EventLoop,name="
                    + ObjectName.quote(Thread.currentThread().getName() + "@" + Integer.toHexString(System.identityHashCode(loop))));
            ManagementFactory.getPlatformMBeanServer().registerMBean(loop, name);
            REGISTERED.put(loop, name);
        } catch (Exception | LinkageError e) {
            Debug.LOG.log(System.Logger.Level.DEBUG, "could not register the event loop with JMX", e);
        }
    }

    static void unregister(EventLoop loop) {
        ObjectName name = REGISTERED.remove(loop);
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (Exception e) {
                Debug.LOG.log(System.Logger.Level.DEBUG, "could not unregister the event loop from JMX", e);
            }
        }
    }
}
