package dev.callbacks.autoconfigure;

import java.io.IOException;
import java.util.Objects;

import dev.callbacks.core.manager.CallbackScope;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.springframework.core.Ordered;

/**
 * Binds an application context's {@link CallbackScope} to the thread of every request the
 * context's web server serves, so the runs a controller starts reach this context's handlers
 * even while another context is the newest one active (two web applications in one JVM, or a
 * test that starts one inside another). Ordered first, so that every later filter's runs are
 * bound too. Work the request hands to other threads keeps the scope through context
 * propagation ({@link CallbackScope#KEY}) or through the run it nests under.
 */
public final class CallbackScopeFilter implements Filter, Ordered {

    /** The filter's order: before every other filter. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    private final CallbackScope scope;

    /**
     * Creates the filter.
     * @param scope the context's scope
     */
    public CallbackScopeFilter(CallbackScope scope) {
        this.scope = Objects.requireNonNull(scope, "scope must not be null");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try (CallbackScope.Binding binding = this.scope.bind()) {
            chain.doFilter(request, response);
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
