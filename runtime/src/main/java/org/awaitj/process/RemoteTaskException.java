package org.awaitj.process;

/**
 * Stands in for an exception thrown by a task of a {@link ProcessPoolExecutor} that could not itself be
 * serialized back to the parent: it has the original's class name (in its message and
 * {@link #remoteClassName()}), message, stack trace and causes (stood in for likewise).
 */
public final class RemoteTaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** How many causes deep a stand-in goes; a longer (or cyclic) chain is cut there. */
    private static final int MAX_CAUSES = 64;
    private final String remoteClassName;

    private RemoteTaskException(String remoteClassName, String message) {
        super(message);
        this.remoteClassName = remoteClassName;
    }

    /** The class name of the exception it stands in for. */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** A stand-in for {@code e}, whose message also says why {@code e} could not be sent ({@code whyNot}). */
    static RemoteTaskException standIn(Throwable e, Throwable whyNot) {
        return standIn(e, " (the exception could not be sent back from its worker process: " + whyNot + ")", 0);
    }

    private static RemoteTaskException standIn(Throwable e, String note, int depth) {
        RemoteTaskException r = new RemoteTaskException(e.getClass().getName(),
                e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + note);
        r.setStackTrace(e.getStackTrace());
        Throwable cause = e.getCause();
        if (cause != null && cause != e && depth < MAX_CAUSES) {
            r.initCause(standIn(cause, "", depth + 1));
        }
        return r;
    }
}
