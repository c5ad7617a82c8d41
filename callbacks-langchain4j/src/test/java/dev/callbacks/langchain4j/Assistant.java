package dev.callbacks.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;

/** The AI Service of the bridge tests: its calls are runs named {@code Assistant.chat}. */
interface Assistant {

    String chat(String message);

    /** The service on a model, without tools or retrievers. */
    static Assistant on(ChatModel model) {
        return AiServices.create(Assistant.class, model);
    }
}
