package dev.callbacks.core.langsmith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

import dev.callbacks.core.langsmith.SendResult.Outcome;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP side of the exporter, on the JDK {@link HttpClient}: {@code GET /info} for the server's
 * batch limits, {@code POST /runs/multipart} and {@code POST /runs/batch}, and the classification of
 * every answer into a {@link SendResult}. Sends the API key as {@code x-api-key} and nowhere else:
 * no message this class produces contains it.
 */
final class LangSmithClient {

    /** How much of a server's error body is kept for the log. */
    private static final int MAX_MESSAGE = 500;

    private final HttpClient http;

    private final String base;

    private final @Nullable String apiKey;

    private final Duration requestTimeout;

    private final boolean gzip;

    private final String userAgent = RuntimeInfo.SDK + "/" + RuntimeInfo.version();

    LangSmithClient(LangSmithSettings settings, Executor executor) {
        this.http = HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .executor(executor)
            .build();
        String endpoint = settings.endpoint().toString();
        this.base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.apiKey = settings.apiKey();
        this.requestTimeout = settings.requestTimeout();
        this.gzip = settings.gzip();
    }

    /** The server's batch limits from {@code GET /info}. */
    record ServerLimits(Optional<Integer> sizeLimit, Optional<Long> sizeLimitBytes) {
    }

    /**
     * Reads the server's batch limits. Returns empty limits when the server answered without
     * usable ones (an old server, a malformed body).
     * @throws IOException when no answer arrived, so the caller may ask again later
     */
    ServerLimits info() throws IOException {
        HttpRequest request = request("/info").GET().build();
        HttpResponse<byte[]> response = send(request);
        if (response.statusCode() / 100 != 2) {
            return new ServerLimits(Optional.empty(), Optional.empty());
        }
        try {
            JsonNode config = OperationWriter.MAPPER.readTree(response.body()).path("batch_ingest_config");
            JsonNode size = config.path("size_limit");
            JsonNode bytes = config.path("size_limit_bytes");
            return new ServerLimits(
                    (size.isIntegralNumber() && size.asInt() > 0) ? Optional.of(size.asInt()) : Optional.empty(),
                    (bytes.isIntegralNumber() && bytes.asLong() > 0) ? Optional.of(bytes.asLong()) : Optional.empty());
        }
        catch (RuntimeException ex) {
            return new ServerLimits(Optional.empty(), Optional.empty());
        }
    }

    /** Sends a batch to {@code /runs/multipart} or {@code /runs/batch}. Never throws. */
    SendResult ingest(List<RunOperation> batch, boolean multipart) {
        byte[] body;
        String contentType;
        if (multipart) {
            String boundary = IngestBodies.boundary();
            body = IngestBodies.multipart(batch, boundary);
            contentType = "multipart/form-data; boundary=" + boundary;
        }
        else {
            body = IngestBodies.batch(batch);
            contentType = "application/json";
        }
        HttpRequest.Builder request = request(multipart ? "/runs/multipart" : "/runs/batch")
            .header("Content-Type", contentType);
        if (this.gzip) {
            body = IngestBodies.gzip(body);
            request.header("Content-Encoding", "gzip");
        }
        HttpResponse<byte[]> response;
        try {
            response = send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        }
        catch (IOException ex) {
            return new SendResult(Outcome.RETRY, 0, null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        return classify(response, multipart);
    }

    private SendResult classify(HttpResponse<byte[]> response, boolean multipart) {
        int status = response.statusCode();
        if (status / 100 == 2 || status == 409) {
            // 409: the server already has these runs, from an attempt whose answer we lost.
            return SendResult.delivered(status);
        }
        String message = "HTTP " + status + " " + message(response.body());
        if (status == 404 && multipart) {
            return new SendResult(Outcome.MULTIPART_NOT_FOUND, status, null, message);
        }
        if (status == 408 || status == 425 || status == 429 || status / 100 == 5) {
            return new SendResult(Outcome.RETRY, status, retryAfter(response), message);
        }
        return new SendResult(Outcome.REJECTED, status, null, message);
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        try {
            return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for LangSmith", ex);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
            .timeout(this.requestTimeout)
            .header("User-Agent", this.userAgent)
            .header("Accept", "application/json");
        if (this.apiKey != null) {
            builder.header("x-api-key", this.apiKey);
        }
        return builder;
    }

    private String message(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE) + "...";
        }
        // Defensive: a proxy echoing the request headers must not get the key into the log.
        return (this.apiKey != null) ? text.replace(this.apiKey, "******") : text;
    }

    /** Parses {@code Retry-After}: seconds or an HTTP date; null when absent or unreadable. */
    static @Nullable Duration retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return null;
        }
        String value = header.get().strip();
        try {
            long seconds = Long.parseLong(value);
            return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
        }
        catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            }
            catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
