package dev.callbacks.core.handlers;

import java.io.PrintStream;
import java.util.Objects;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * Prints LangChain's verbose text to standard output: {@code > Entering new X chain...},
 * {@code > Finished chain.}, agent action logs, tool outputs and free text. This is what
 * {@code verbose=true} adds to a run, as upstream's {@code StdOutCallbackHandler}.
 */
public class StdOutCallbackHandler implements CallbackHandler {

    private final PrintStream out;

    /** Creates a handler printing to {@link System#out}. */
    public StdOutCallbackHandler() {
        this(System.out);
    }

    /** Creates a handler printing to the given stream (for tests and redirection). */
    public StdOutCallbackHandler(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out must not be null");
    }

    @Override
    public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        this.out.print("\n\n\u001b[1m> Entering new " + run.name() + " chain...\u001b[0m\n");
        this.out.flush();
    }

    @Override
    public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        this.out.print("\n\u001b[1m> Finished chain.\u001b[0m\n");
        this.out.flush();
    }

    @Override
    public void onAgentAction(RunInfo run, AgentAction action) {
        this.out.print(action.log());
        this.out.flush();
    }

    @Override
    public void onToolEnd(RunInfo run, @Nullable Object output) {
        this.out.print(String.valueOf(output));
        this.out.flush();
    }

    @Override
    public void onText(RunInfo run, String text) {
        this.out.print(text);
        this.out.flush();
    }

    @Override
    public void onAgentFinish(RunInfo run, AgentFinish finish) {
        this.out.print(finish.log() + "\n");
        this.out.flush();
    }
}
