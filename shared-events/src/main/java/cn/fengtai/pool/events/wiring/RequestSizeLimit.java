package cn.fengtai.pool.events.wiring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses request bodies larger than {@code pool.max-request-bytes} (413, as a problem detail) before anything reads
 * them. No command of the API needs more than a few kilobytes; a body announced without a length is refused too.
 */
class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    RequestSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > maxBytes || chunked) {
            ProblemResponses.write(response, 413, "Request too large",
                    "request bodies are limited to " + maxBytes + " bytes and must state their length", request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }
}
