package cn.fengtai.pool.wiring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses request bodies larger than {@code pool.max-request-bytes} (413, as a problem detail) before anything reads
 * them. No command of the API needs more than a few kilobytes (a spreadsheet upload is allowed
 * {@code pool.imports.max-bytes}); a body sent without its length (chunked) is refused
 * too (411), since its size is known only once it has been read.
 */
class RequestSizeLimit extends OncePerRequestFilter {

    /** Spreadsheet uploads: the only bodies larger than a command. */
    static final String IMPORTS = "/api/imports/";

    private final long maxBytes;
    private final long maxImportBytes;

    RequestSizeLimit(long maxBytes, long maxImportBytes) {
        this.maxBytes = maxBytes;
        this.maxImportBytes = maxImportBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        long limit = request.getRequestURI().startsWith(IMPORTS) ? maxImportBytes : maxBytes;
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (chunked) {
            ProblemResponses.write(request, response, 411, "Length Required",
                    "a request body must state its length (Content-Length), up to " + limit + " bytes",
                    "请求内容须以 Content-Length 注明长度，最多 " + limit + " 字节");
            return;
        }
        if (length > limit) {
            ProblemResponses.write(request, response, 413, "Request too large",
                    "request bodies are limited to " + limit + " bytes here", "此地址的请求内容最多 " + limit + " 字节");
            return;
        }
        chain.doFilter(request, response);
    }
}
