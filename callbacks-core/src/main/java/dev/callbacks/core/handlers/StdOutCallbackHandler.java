package dev.callbacks.core.handlers;

import java.io.PrintStream;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Prints LangChain's verbose text to standard output: {@code > Entering new X chain...} and
 * {@code > Finished chain.} in bold, agent action logs, tool outputs (between the optional
 * observation and LLM prefixes) and free text in the configured colour, agent finish logs. This
 * is the handler {@code verbose=true} adds to a run, as upstream's {@code StdOutCallbackHandler}.
 *
 * <p>Each event is printed with a single call on the stream, so lines of concurrent runs do not
 * tear. {@link FileCallbackHandler} and {@link LoggingCallbackHandler} write the same text
 * elsewhere.
 */
public class StdOutCallbackHandler extends TextCallbackHandler {

    private final @Nullable PrintStream out;

    /** Creates a handler printing to {@link System#out} (looked up at each event), without colour. */
    public StdOutCallbackHandler() {
        this(PrintOptions.DEFAULTS);
    }

    /**
     * Creates a handler printing to {@link System#out} (looked up at each event).
     * @param options the colour and tool-output prefixes
     */
    public StdOutCallbackHandler(PrintOptions options) {
        super(options, Decoration.BOLD_AND_COLOR);
        this.out = null;
    }

    /**
     * Creates a handler printing to the given stream, without colour.
     * @param out the stream to print to
     */
    public StdOutCallbackHandler(PrintStream out) {
        this(out, PrintOptions.DEFAULTS);
    }

    /**
     * Creates a handler printing to the given stream.
     * @param out the stream to print to
     * @param options the colour and tool-output prefixes
     */
    public StdOutCallbackHandler(PrintStream out, PrintOptions options) {
        super(options, Decoration.BOLD_AND_COLOR);
        this.out = Objects.requireNonNull(out, "out must not be null");
    }

    @Override
    void write(String text) {
        // System.out is read per event so that System.setOut redirections are honoured.
        PrintStream target = (this.out != null) ? this.out : System.out;
        target.print(text);
        target.flush();
    }
}
