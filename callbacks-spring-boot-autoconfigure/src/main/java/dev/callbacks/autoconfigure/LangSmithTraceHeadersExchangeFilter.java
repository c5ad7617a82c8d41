package dev.callbacks.autoconfigure;

import java.util.Map;
import java.util.Objects;

import dev.callbacks.core.tracers.DistributedTrace;
import dev.callbacks.core.tracers.LangChainTracer;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Adds the {@code langsmith-trace} and {@code baggage} headers of the current run to an outgoing
 * {@code WebClient} call, so that the called service's runs nest under it; the reactive
 * counterpart of {@link LangSmithTraceHeadersInterceptor}. The starter adds it to every
 * auto-configured {@code WebClient.Builder}; add it yourself with
 * {@code WebClient.builder().filter(filter)}. The current run is the one of the thread that
 * subscribes to the request (as {@code block()} inside a runnable does); calls made outside a
 * run, and headers the caller set, are left alone.
 */
public final class LangSmithTraceHeadersExchangeFilter implements ExchangeFilterFunction {

    private final LangChainTracer tracer;

    /**
     * Creates the filter.
     * @param tracer the tracer that records the runs making the calls
     */
    public LangSmithTraceHeadersExchangeFilter(LangChainTracer tracer) {
        this.tracer = Objects.requireNonNull(tracer, "tracer must not be null");
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        Map<String, String> headers = DistributedTrace.currentHeaders(this.tracer);
        if (headers.isEmpty()) {
            return next.exchange(request);
        }
        ClientRequest traced = ClientRequest.from(request).headers((target) -> headers.forEach((name, value) -> {
            if (!target.containsHeader(name)) {
                target.set(name, value);
            }
        })).build();
        return next.exchange(traced);
    }
}
