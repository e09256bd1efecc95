package cn.fengtai.pool.wiring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * An error status answered without a body (the actuator's 404 for a health component that does not exist, a 405 or
 * 406 set by a library) becomes a problem detail like every other refusal. The answer's commit is held back while
 * nothing has been written for an error status, so that the problem detail can still be written after the chain.
 */
class EmptyErrorAnswers extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Watched watched = new Watched(response);
        chain.doFilter(request, watched);
        if (isAsyncStarted(request)) return;
        int status = watched.getStatus();
        if (status >= 400 && !watched.bodyStarted && !response.isCommitted()) {
            HttpStatus known = HttpStatus.resolve(status);
            ProblemResponses.write(request, response, status, known == null ? "Error" : known.getReasonPhrase(),
                    status == 404 ? "nothing is served at this address" : "the request cannot be answered");
        }
    }

    private static final class Watched extends HttpServletResponseWrapper {
        boolean bodyStarted;

        Watched(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            bodyStarted = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            bodyStarted = true;
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            if (getStatus() >= 400 && !bodyStarted) return;
            super.flushBuffer();
        }
    }
}
