package dev.callbacks.langchain4j;

/** The AI Service of the bridge tests: its calls are runs named {@code Assistant.chat}. */
interface Assistant {

    String chat(String message);
}
