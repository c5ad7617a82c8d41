package dev.callbacks.core.tracers;

import java.util.function.Consumer;

/**
 * The tracer that LangChain's debug mode adds to every run
 * ({@link dev.callbacks.core.manager.GlobalCallbacks#setDebug(boolean)}): prints every chain, LLM and tool
 * start and end with breadcrumbs, timings and JSON payloads, in upstream's format (see
 * {@link FunctionCallbackHandler}), to standard output unless given another printer.
 */
public final class ConsoleCallbackHandler extends FunctionCallbackHandler {

    /** Creates a handler printing to {@link System#out} (as it is when each line is printed). */
    public ConsoleCallbackHandler() {
        super((line) -> System.out.println(line));
    }

    /** Creates a handler printing with the given printer, one call per description. */
    public ConsoleCallbackHandler(Consumer<String> printer) {
        super(printer);
    }

    /** Creates a handler printing with the given printer, with the given tracer bounds and clock. */
    public ConsoleCallbackHandler(Consumer<String> printer, TracerOptions options) {
        super(printer, options);
    }
}
