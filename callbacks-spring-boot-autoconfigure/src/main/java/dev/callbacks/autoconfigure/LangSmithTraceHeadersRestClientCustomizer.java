package dev.callbacks.autoconfigure;

import java.util.Objects;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.web.client.RestClient;

/**
 * Adds the {@link LangSmithTraceHeadersInterceptor} to every {@code RestClient.Builder} Spring
 * Boot auto-configures, so that calls made inside a run carry its trace headers without wiring.
 */
public final class LangSmithTraceHeadersRestClientCustomizer implements RestClientCustomizer {

    private final LangSmithTraceHeadersInterceptor interceptor;

    /**
     * Creates the customizer.
     * @param interceptor the interceptor to add
     */
    public LangSmithTraceHeadersRestClientCustomizer(LangSmithTraceHeadersInterceptor interceptor) {
        this.interceptor = Objects.requireNonNull(interceptor, "interceptor must not be null");
    }

    @Override
    public void customize(RestClient.Builder builder) {
        builder.requestInterceptor(this.interceptor);
    }
}
