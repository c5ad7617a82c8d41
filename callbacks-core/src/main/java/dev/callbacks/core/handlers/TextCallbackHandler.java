package dev.callbacks.core.handlers;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * The one place that knows LangChain's verbose text: which events print what, with which
 * decoration. The stdout, file and logging handlers differ only in where the text goes and in
 * how much ANSI decoration they keep, so they extend this class and implement {@link #write}.
 */
abstract class TextCallbackHandler implements CallbackHandler {

    private static final String BOLD = "\u001b[1m";

    private static final String RESET = "\u001b[0m";

    private static final String UNKNOWN_NAME = "<unknown>";

    /** How much ANSI decoration a sink keeps. */
    enum Decoration {

        /** Bold chain banners and coloured text: the terminal. */
        BOLD_AND_COLOR,

        /** Coloured text only, as upstream's file handler writes. */
        COLOR_ONLY,

        /** Plain text: sinks that are not terminals, such as log files. */
        NONE
    }

    private final PrintOptions options;

    private final Decoration decoration;

    TextCallbackHandler(PrintOptions options, Decoration decoration) {
        this.options = PrintOptions.requireOptions(options);
        this.decoration = decoration;
    }

    /** Returns the colour and prefixes this handler prints with. */
    public PrintOptions options() {
        return this.options;
    }

    /** Writes one event's text; called once per event, with the text complete. */
    abstract void write(String text);

    /** Whether output is wanted at all; lets a sink skip building text nobody reads. */
    boolean isEnabled() {
        return true;
    }

    @Override
    public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        if (isEnabled()) {
            write("\n\n" + bold("> Entering new " + chainName(run, serialized) + " chain...") + "\n");
        }
    }

    @Override
    public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        if (isEnabled()) {
            write("\n" + bold("> Finished chain.") + "\n");
        }
    }

    @Override
    public void onAgentAction(RunInfo run, AgentAction action) {
        if (isEnabled()) {
            write(colored(action.log()));
        }
    }

    @Override
    public void onToolEnd(RunInfo run, @Nullable Object output) {
        if (!isEnabled()) {
            return;
        }
        // One write for the whole block, so that concurrent tools cannot interleave inside it.
        StringBuilder text = new StringBuilder();
        String observationPrefix = this.options.observationPrefix();
        if (observationPrefix != null) {
            text.append('\n').append(observationPrefix);
        }
        text.append(colored(String.valueOf(output)));
        String llmPrefix = this.options.llmPrefix();
        if (llmPrefix != null) {
            text.append('\n').append(llmPrefix);
        }
        write(text.toString());
    }

    @Override
    public void onText(RunInfo run, String text) {
        if (isEnabled()) {
            write(colored(text));
        }
    }

    @Override
    public void onAgentFinish(RunInfo run, AgentFinish finish) {
        if (isEnabled()) {
            write(colored(finish.log()) + "\n");
        }
    }

    private String bold(String text) {
        return (this.decoration == Decoration.BOLD_AND_COLOR) ? BOLD + text + RESET : text;
    }

    private String colored(String text) {
        TextColor color = this.options.color();
        return (color != null && this.decoration != Decoration.NONE) ? color.apply(text) : text;
    }

    /** The run name, else the component's name or last id segment, as upstream. */
    private static String chainName(RunInfo run, Serialized serialized) {
        if (!run.name().isEmpty()) {
            return run.name();
        }
        String name = serialized.displayName();
        return name.isEmpty() ? UNKNOWN_NAME : name;
    }
}
