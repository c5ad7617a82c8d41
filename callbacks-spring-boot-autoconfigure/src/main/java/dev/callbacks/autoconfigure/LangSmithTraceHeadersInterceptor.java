package dev.callbacks.autoconfigure;

import java.io.IOException;
import java.util.Objects;

import dev.callbacks.core.tracers.DistributedTrace;
import dev.callbacks.core.tracers.LangChainTracer;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds the {@code langsmith-trace} and {@code baggage} headers of the current run to an outgoing
 * call, so that the called service's runs nest under it. Add the bean to a {@code RestClient}
 * ({@code RestClient.builder().requestInterceptor(interceptor)}) or a {@code RestTemplate}; calls
 * made outside a run are left alone.
 */
public final class LangSmithTraceHeadersInterceptor implements ClientHttpRequestInterceptor {

    private final LangChainTracer tracer;

    /**
     * Creates the interceptor.
     * @param tracer the tracer that records the runs making the calls
     */
    public LangSmithTraceHeadersInterceptor(LangChainTracer tracer) {
        this.tracer = Objects.requireNonNull(tracer, "tracer must not be null");
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        DistributedTrace.currentHeaders(this.tracer).forEach((name, value) -> {
            if (!request.getHeaders().containsHeader(name)) {
                request.getHeaders().set(name, value);
            }
        });
        return execution.execute(request, body);
    }
}
