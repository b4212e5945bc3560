package org.awaitj.agent.shapes.access.p1;

/** The public face of the package-private Base. */
public class Builder extends Base {
}
