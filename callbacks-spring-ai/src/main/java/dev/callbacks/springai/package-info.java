/**
 * The Spring AI bridge: Spring AI's observations and streams become runs, and a Spring AI
 * {@code ChatModel} runs our chains as a {@code BaseChatModel}.
 */
@NullMarked
package dev.callbacks.springai;

import org.jspecify.annotations.NullMarked;
