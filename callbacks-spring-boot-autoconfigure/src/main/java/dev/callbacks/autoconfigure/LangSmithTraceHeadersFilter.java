package dev.callbacks.autoconfigure;

import java.io.IOException;
import java.util.Optional;

import dev.callbacks.core.tracers.DistributedTrace;
import dev.callbacks.core.tracers.TracingSwitch;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Continues the LangSmith trace of an incoming request: when it carries a {@code langsmith-trace}
 * header (and optionally {@code baggage}), the root runs its handler starts nest under the
 * caller's run, in the caller's trace and project, as the SDKs' distributed tracing does.
 */
public final class LangSmithTraceHeadersFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<DistributedTrace.Parent> parent = (request instanceof HttpServletRequest http)
                ? DistributedTrace.fromHeaders(http::getHeader) : Optional.empty();
        if (parent.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        try (TracingSwitch.Scope scope = DistributedTrace.continueFrom(parent.get())) {
            chain.doFilter(request, response);
        }
    }
}
