package org.awaitj.agent.shapes.access.p1;

/** Package-private: code outside p1 may hold one (as an Object) but may not name the class. */
class Hidden {
    final String value;

    Hidden(String value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return "Hidden(" + value + ")";
    }
}
