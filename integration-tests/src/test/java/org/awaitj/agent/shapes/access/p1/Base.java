package org.awaitj.agent.shapes.access.p1;

/** A package-private base whose public fluent methods return the base's type, as builders often do. */
class Base {
    private final StringBuilder parts = new StringBuilder();

    public Base add(String part) {
        parts.append(part);
        return this;
    }

    public String build() {
        return parts.toString();
    }

    @Override
    public String toString() {
        return "Base[" + parts + "]";
    }
}
