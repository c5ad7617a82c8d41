package dev.callbacks.demo;

/**
 * The demo's native chat: a question answered through the model provider's own API (for Spring AI
 * a {@code ChatClient} with a {@code @Tool} method), with no code of ours in between, so its
 * runs come from the bridge alone. {@code POST /api/native/chat} calls it inside one root run.
 */
@FunctionalInterface
public interface NativeChat {

    /**
     * Answers a question.
     * @param input the question
     * @return the answer
     */
    String answer(String input);
}
