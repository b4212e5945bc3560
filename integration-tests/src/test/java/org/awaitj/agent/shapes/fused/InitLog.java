package org.awaitj.agent.shapes.fused;

import java.util.ArrayList;
import java.util.List;

/** What happened, in order, including class initialisation: a class of its own, so reading it loads nothing else. */
public final class InitLog {
    public static final List<String> LOG = new ArrayList<>();

    private InitLog() {
    }
}
