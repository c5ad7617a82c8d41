package dev.callbacks.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link LangChainRunsEndpoint}: it
 * answers {@code GET /actuator/langchain/runs/{id}} with HTTP status codes (404 for an unknown
 * run, 400 with a body naming the problem for an id that is not a UUID) and decides per caller,
 * through {@code management.endpoint.langchain.show-values} and {@code roles}, whether run trees
 * show their values. The list of runs needs neither, so the endpoint's own operation serves it.
 */
@EndpointWebExtension(endpoint = LangChainRunsEndpoint.class)
public class LangChainRunsEndpointWebExtension {

    private final LangChainRunsEndpoint delegate;

    /**
     * Creates the extension.
     * @param delegate the endpoint whose run trees it serves
     */
    public LangChainRunsEndpointWebExtension(LangChainRunsEndpoint delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
    }

    /**
     * Returns one run tree, found by the id of its root or of any run inside it.
     * @param securityContext the caller, for {@code show-values=when-authorized}
     * @param id the run id
     * @return the tree; 404 for an unknown run; 400 for an id that is not a UUID
     */
    @ReadOperation
    public WebEndpointResponse<Map<String, @Nullable Object>> run(SecurityContext securityContext,
            @Selector String id) {
        UUID runId = LangChainRunsEndpoint.parseRunId(id);
        if (runId == null) {
            return new WebEndpointResponse<>(problem(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request",
                    LangChainRunsEndpoint.malformedRunId(id)), WebEndpointResponse.STATUS_BAD_REQUEST);
        }
        RunTreeView view = this.delegate.view(this.delegate.valuesShownTo(securityContext));
        return this.delegate.runTree(runId, view)
            .map(WebEndpointResponse::new)
            .orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
    }

    /** An RFC 9457 problem body, the shape Spring MVC's own {@code ProblemDetail} writes. */
    private static Map<String, @Nullable Object> problem(int status, String title, String detail) {
        Map<String, @Nullable Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return problem;
    }
}
