package dev.callbacks.demo.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.handlers.UsageMetadataCallbackHandler;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.schema.UsageMetadata;
import dev.callbacks.core.stream.EventFilter;
import dev.callbacks.core.stream.StreamEvent;
import dev.callbacks.demo.DemoProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * The chat chain over HTTP: {@code GET /api/chat/stream?input=...} streams the answer's tokens as
 * server-sent events named {@code token} ({@code {"token": "..."}}), then one event named
 * {@code usage} with the answer and the tokens the models used ({@code {"output", "usage",
 * "by_model"}}, counts in LangChain's snake_case).
 */
@RestController
class ChatController {

    private final Runnable<Map<String, Object>, String> chatChain;

    private final DemoProperties properties;

    ChatController(Runnable<Map<String, Object>, String> chatChain, DemoProperties properties) {
        this.chatChain = chatChain;
        this.properties = properties;
    }

    @GetMapping(path = "/api/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam(name = "input", required = false) @Nullable String input) {
        String question = InvalidInputException.requireText("input", input);
        // A request-scoped handler next to the global ones: it sees this call's model runs only.
        UsageMetadataCallbackHandler usage = new UsageMetadataCallbackHandler();
        StringBuilder answer = new StringBuilder();
        return SseEventStream.of(
                this.chatChain.streamEventsPublisher(Map.of("input", question),
                        RunnableConfig.builder().callbacks(usage).build(), EventFilter.all()),
                this.properties.streamTimeout(), (event) -> token(event, answer), () -> usageEvent(answer, usage));
    }

    private static @Nullable SseEventBuilder token(StreamEvent event, StringBuilder answer) {
        // The chain's own chunks are the parser's output: the answer's text, piece by piece.
        if (!event.parentIds().isEmpty() || !event.event().equals("on_chain_stream")) {
            return null;
        }
        String token = String.valueOf(event.chunk().orElse(""));
        if (token.isEmpty()) {
            return null;
        }
        answer.append(token);
        return SseEmitter.event().name("token").data(Map.of("token", token), MediaType.APPLICATION_JSON);
    }

    private static SseEventBuilder usageEvent(StringBuilder answer, UsageMetadataCallbackHandler usage) {
        Map<String, Object> byModel = new LinkedHashMap<>();
        usage.usageMetadata().forEach((model, counts) -> byModel.put(model, counts(counts)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("output", answer.toString());
        data.put("usage", counts(usage.summary().total()));
        data.put("by_model", byModel);
        return SseEmitter.event().name("usage").data(data, MediaType.APPLICATION_JSON);
    }

    private static Map<String, Object> counts(UsageMetadata usage) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("input_tokens", usage.inputTokens());
        counts.put("output_tokens", usage.outputTokens());
        counts.put("total_tokens", usage.totalTokens());
        return counts;
    }
}
