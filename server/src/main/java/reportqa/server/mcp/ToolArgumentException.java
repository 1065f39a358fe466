package reportqa.server.mcp;

/** A tool was called with an argument it cannot take; the message says which and what it must be. */
public final class ToolArgumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ToolArgumentException(String message) {
        super(message);
    }
}
