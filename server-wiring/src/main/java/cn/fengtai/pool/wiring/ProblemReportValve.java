package cn.fengtai.pool.wiring;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own error page (HTML, without the security headers) replaced by a problem detail: what Tomcat refuses
 * before the application sees it, such as a NUL or an encoded backslash in a path, headers too large or a doubled
 * {@code Transfer-Encoding}. A subclass of Tomcat's extension point for this, not a copy of it.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) return;
        AtomicBoolean ioAllowed = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) return;
        if (status == 501 || status == 505) {
            // Tomcat's answers to a transfer coding or an HTTP version it does not implement: the request is wrong.
            status = 400;
            response.setStatus(status);
        }
        String detail = status == 400 ? "the request is malformed" : status >= 500
                ? "the request could not be completed" : "the request cannot be answered";
        try {
            response.setSuspended(false);
            ProblemResponses.write(request, response.getResponse(), status, title(status), detail);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the answer already started: nothing more can be said.
        }
    }

    private static String title(int status) {
        org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
