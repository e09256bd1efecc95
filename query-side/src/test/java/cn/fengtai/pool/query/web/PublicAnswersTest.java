package cn.fengtai.pool.query.web;

import cn.fengtai.pool.wiring.PoolProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PublicAnswersTest {

    private final PublicAnswers answers = new PublicAnswers(new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("pool", PoolProperties.class), new SimpleMeterRegistry());

    @Test
    void readersArrivingWhileAnAnswerIsComputedWaitForItInsteadOfComputingItAgain() throws Exception {
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FilterChain slowStatistics = (request, response) -> {
            computed.incrementAndGet();
            computing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            response.setContentType("application/json");
            response.getOutputStream().write("{\"total\":1}".getBytes(StandardCharsets.UTF_8));
        };

        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> read(slowStatistics));
        assertThat(computing.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<MockHttpServletResponse> second = CompletableFuture.supplyAsync(() -> read(slowStatistics));
        Thread.sleep(300); // the second reader has arrived while the first computes
        assertThat(computed).hasValue(1);
        release.countDown();

        for (MockHttpServletResponse answer : new MockHttpServletResponse[]{first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS)}) {
            assertThat(answer.getStatus()).isEqualTo(200);
            assertThat(answer.getContentAsString()).isEqualTo("{\"total\":1}");
            assertThat(answer.getHeader("ETag")).isNotBlank();
        }
        assertThat(computed).hasValue(1);
    }

    @Test
    void anAnswerThatIsNotKeptLetsTheWaitingReaderComputeItsOwn() throws Exception {
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FilterChain failingOnce = (request, response) -> {
            int call = computed.incrementAndGet();
            computing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (call == 1) {
                ((jakarta.servlet.http.HttpServletResponse) response).setStatus(503);
                return;
            }
            response.setContentType("application/json");
            response.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
        };

        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> read(failingOnce));
        assertThat(computing.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<MockHttpServletResponse> second = CompletableFuture.supplyAsync(() -> read(failingOnce));
        Thread.sleep(300);
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(503);
        assertThat(second.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(computed).hasValue(2);
    }

    private MockHttpServletResponse read(FilterChain chain) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/statistics/district");
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            answers.doFilter(request, response, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }
}
