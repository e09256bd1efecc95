package cn.fengtai.pool.wiring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses request bodies larger than {@code pool.max-request-bytes} (413, as a problem detail) before anything reads
 * them. No command of the API needs more than a few kilobytes; a body sent without its length (chunked) is refused
 * too (411), since its size is known only once it has been read.
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
        if (chunked) {
            ProblemResponses.write(response, 411, "Length Required",
                    "a request body must state its length (Content-Length), up to " + maxBytes + " bytes",
                    request.getRequestURI());
            return;
        }
        if (length > maxBytes) {
            ProblemResponses.write(response, 413, "Request too large",
                    "request bodies are limited to " + maxBytes + " bytes", request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }
}
