package dev.callbacks.demo.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import dev.callbacks.demo.DemoProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the request body at {@code demo.max-request-size}, so a client cannot make the demo hold
 * (and trace) a body of any size. A declared {@code Content-Length} over the limit fails at the
 * first read, before any of the body is read; a chunked body fails as soon as it passes the limit.
 * The failure is a {@link BodyTooLargeException} inside the controller's body conversion, which
 * {@link ApiErrorHandler} answers with {@code 413} and a problem naming the limit.
 */
@Component
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final DataSize limit;

    RequestSizeLimitFilter(DemoProperties properties) {
        this.limit = properties.maxRequestSize();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new LimitedRequest(request, this.limit), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final DataSize limit;

        private @Nullable LimitedBody body;

        LimitedRequest(HttpServletRequest request, DataSize limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (this.body == null) {
                this.body = new LimitedBody(super.getInputStream(), getContentLengthLong(), this.limit);
            }
            return this.body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class LimitedBody extends ServletInputStream {

        private final ServletInputStream body;

        private final long declaredLength;

        private final DataSize limit;

        private long read;

        LimitedBody(ServletInputStream body, long declaredLength, DataSize limit) {
            this.body = body;
            this.declaredLength = declaredLength;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            checkDeclaredLength();
            int b = this.body.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkDeclaredLength();
            int n = this.body.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void checkDeclaredLength() throws BodyTooLargeException {
            if (this.declaredLength > this.limit.toBytes()) {
                throw new BodyTooLargeException(this.limit);
            }
        }

        private void count(int n) throws BodyTooLargeException {
            this.read += n;
            if (this.read > this.limit.toBytes()) {
                throw new BodyTooLargeException(this.limit);
            }
        }

        @Override
        public boolean isFinished() {
            return this.body.isFinished();
        }

        @Override
        public boolean isReady() {
            return this.body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            this.body.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            this.body.close();
        }
    }
}
