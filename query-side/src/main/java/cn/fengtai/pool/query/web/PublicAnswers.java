package cn.fengtai.pool.query.web;

import cn.fengtai.pool.query.readmodel.ReadModelChanges;
import cn.fengtai.pool.wiring.PoolProperties;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.DigestUtils;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The public page's reads answered from what was computed before, as long as no read model has changed since
 * ({@link ReadModelChanges}): the statistics, the project list and a project with its impact, for anonymous readers
 * (the same answer for all of them), without {@code asOf} or {@code minVersion}. An answer is kept with its ETag, so a conditional request for an unchanged answer costs
 * a 304 and a repeated one a copy of bytes, instead of counting, building and hashing the answer again. The day is
 * part of the key, since overdue projects are counted against it. Spring's {@link ShallowEtagHeaderFilter} hashes the
 * body after computing it every time and keeps nothing; Spring's cache abstraction caches method results, not HTTP
 * answers with their headers: hence this filter, over Caffeine for the bounded store.
 */
public class PublicAnswers extends OncePerRequestFilter {

    /** Sent again with a kept answer, beside its content type (taken from the response itself). */
    private static final List<String> REPLAYED = List.of("Content-Disposition", "Content-Language", "Cache-Control", "Vary");

    /** An answer as it was sent, and the read models' state it was computed from. */
    private record Kept(long changes, byte[] body, String etag, Map<String, List<String>> headers) {
    }

    private final Cache<String, Kept> kept = Caffeine.newBuilder().maximumWeight(64L << 20)
            .weigher((String key, Kept answer) -> answer.body().length + key.length()).build();
    private final Map<String, CompletableFuture<Kept>> computing = new ConcurrentHashMap<>();
    private final PoolProperties pool;
    private volatile boolean keeping = true;
    private final Counter hits;
    private final Counter misses;

    public PublicAnswers(PoolProperties pool, MeterRegistry meters) {
        this.pool = pool;
        this.hits = Counter.builder("pool.answers.kept").tag("outcome", "hit")
                .description("public answers served without computing them again").register(meters);
        this.misses = Counter.builder("pool.answers.kept").tag("outcome", "miss")
                .description("public answers computed").register(meters);
    }

    /**
     * Whether answers are kept (the default). The benchmark turns it off and on in one run, to measure the answers
     * computed every time against kept ones on the same machine at the same moment.
     */
    public void keep(boolean keep) {
        this.keeping = keep;
        if (!keep) kept.invalidateAll();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!keeping) return true;
        String path = request.getRequestURI();
        boolean answer = path.startsWith("/api/statistics/") || path.equals("/api/projects") || path.startsWith("/api/projects/");
        return !answer || !"GET".equals(request.getMethod()) || request.getHeader("Authorization") != null
                || request.getHeader("Cookie") != null || request.getParameter("ticket") != null
                || request.getParameter("asOf") != null || request.getParameter("minVersion") != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ShallowEtagHeaderFilter.disableContentCaching(request);
        String key = request.getRequestURI() + '?' + request.getQueryString() + '|' + request.getHeader("Accept") + '|'
                + request.getHeader("Accept-Language") + '|' + pool.districtDay(null);
        long changes = ReadModelChanges.current();
        Kept answer = kept.getIfPresent(key);
        if (answer == null || answer.changes() != changes) answer = awaitComputing(key);
        if (answer != null && answer.changes() == changes) {
            hits.increment();
            send(answer, request, response);
            return;
        }
        misses.increment();
        CompletableFuture<Kept> mine = new CompletableFuture<>();
        CompletableFuture<Kept> other = computing.putIfAbsent(key, mine);
        try {
            compute(key, changes, request, response, chain, mine);
        } finally {
            mine.complete(null); // nothing kept: whoever waited computes it
            if (other == null) computing.remove(key, mine);
        }
    }

    /**
     * The answer another request is computing for the same key, once it is done: a page opened by many readers at
     * once after a change computes it once, not once per reader (at a million events, a batch's statistics take long
     * enough for the readers arriving meanwhile to saturate the cores). Null when nobody computes it or it was not kept.
     */
    private Kept awaitComputing(String key) {
        CompletableFuture<Kept> running = computing.get(key);
        if (running == null) return null;
        try {
            return running.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private void compute(String key, long changes, HttpServletRequest request, HttpServletResponse response,
                         FilterChain chain, CompletableFuture<Kept> mine) throws ServletException, IOException {
        ContentCachingResponseWrapper computed = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, computed);
        if (computed.getStatus() != 200 || isAsyncStarted(request)) {
            computed.copyBodyToResponse();
            return;
        }
        byte[] body = computed.getContentAsByteArray();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : REPLAYED) {
            List<String> values = List.copyOf(computed.getHeaders(name));
            if (!values.isEmpty()) headers.put(name, values);
        }
        if (computed.getContentType() != null) headers.put("Content-Type", List.of(computed.getContentType()));
        // Kept under the state read before computing: a change meanwhile makes the next reader compute it again.
        Kept fresh = new Kept(changes, body, "\"0" + DigestUtils.md5DigestAsHex(body) + '"', headers);
        kept.put(key, fresh);
        mine.complete(fresh);
        computed.resetBuffer();
        send(fresh, request, response);
    }

    private static void send(Kept answer, HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer.headers().forEach((name, values) -> {
            response.setHeader(name, values.get(0));
            values.stream().skip(1).forEach(value -> response.addHeader(name, value));
        });
        if (new ServletWebRequest(request, response).checkNotModified(answer.etag())) return;
        response.setHeader("ETag", answer.etag());
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }
}
