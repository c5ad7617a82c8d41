package dev.callbacks.demo.web;

import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.stream.EventFilter;
import dev.callbacks.demo.DemoProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The seed's custom-event example over HTTP: {@code GET /api/reflect/events?input=hello world}
 * streams the stream events of the {@code reflect} lambda, among them {@code on_custom_event}
 * {@code event1} ({@code {"reversed": "dlrow olleh"}}) and {@code event2} ({@code 5}).
 */
@RestController
class ReflectController {

    private final RunnableLambda<String, String> reflect;

    private final DemoProperties properties;

    ReflectController(RunnableLambda<String, String> reflect, DemoProperties properties) {
        this.reflect = reflect;
        this.properties = properties;
    }

    @GetMapping(path = "/api/reflect/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@RequestParam(name = "input", required = false) @Nullable String input) {
        String value = InvalidInputException.requireText("input", input);
        return SseEventStream.of(this.reflect.streamEventsPublisher(value, null, EventFilter.all()),
                this.properties.streamTimeout());
    }
}
