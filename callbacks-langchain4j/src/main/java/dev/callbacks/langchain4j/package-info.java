/**
 * The LangChain4j bridge: LangChain4j model calls, AI Service invocations and tool executions
 * become runs reported to the library's callback handlers, and a LangChain4j chat model runs the
 * library's chains.
 */
@NullMarked
package dev.callbacks.langchain4j;

import org.jspecify.annotations.NullMarked;
