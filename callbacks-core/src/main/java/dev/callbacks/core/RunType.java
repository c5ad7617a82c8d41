package dev.callbacks.core;

/**
 * The kind of a run, as LangChain names it in tracers and stream events ({@code on_<type>_start}).
 *
 * <p>Prompts and output parsers report chain events with their own run type, as upstream does.
 */
public enum RunType {

    /** A chain: a runnable lambda, sequence, parallel map, agent executor. */
    CHAIN("chain"),

    /** A prompt template (chain events, run type {@code prompt}). */
    PROMPT("prompt"),

    /** An output parser (chain events, run type {@code parser}). */
    PARSER("parser"),

    /** A string-prompt language model. */
    LLM("llm"),

    /** A chat model. */
    CHAT_MODEL("chat_model"),

    /** A tool call. */
    TOOL("tool"),

    /** A retriever query. */
    RETRIEVER("retriever");

    private final String value;

    RunType(String value) {
        this.value = value;
    }

    /** Returns LangChain's name for this run type, e.g. {@code chat_model}. */
    public String value() {
        return this.value;
    }

    /** Whether this run type reports chain events ({@code onChainStart}/{@code onChainEnd}). */
    public boolean isChainLike() {
        return this == CHAIN || this == PROMPT || this == PARSER;
    }

    @Override
    public String toString() {
        return this.value;
    }
}
