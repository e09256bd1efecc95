package cn.fengtai.pool.wiring;

import cn.fengtai.pool.wiring.PoolAuthorities.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** A ticket names its caller, holds for its lifetime only, and is accepted only by an instance with the same key. */
class StreamTicketsTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void aTicketSignsInItsCallerUntilItExpires() {
        Caller office = new Caller("street.xiluoyuan", "STREET", "xiluoyuan", null);
        String ticket = new StreamTickets(KEY, Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC)).issue(office);

        Authentication signedIn = at(NOW.plusSeconds(59)).authenticate(ticket).orElseThrow();
        assertThat(PoolAuthorities.caller(signedIn)).isEqualTo(office);
        assertThat(at(NOW.plusSeconds(61)).authenticate(ticket)).as("expired").isEmpty();
    }

    @Test
    void aTicketOfAnotherKeyOrChangedInAnyWayIsRefused() {
        Caller district = new Caller("district", "DISTRICT", null, null);
        String ticket = at(NOW).issue(district);
        String otherKey = Base64.getEncoder().encodeToString(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        assertThat(new StreamTickets(otherKey, Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC))
                .authenticate(ticket)).isEmpty();
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "auditor\nAUDITOR\n\n\n9999999999".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(at(NOW).authenticate(forgedClaims + ticket.substring(ticket.indexOf('.')))).isEmpty();
        for (String broken : new String[]{"", ".", "abc", "a.b", ticket + "x", "%%%.%%%"}) {
            assertThat(at(NOW).authenticate(broken)).as(broken).isEmpty();
        }
    }

    private static StreamTickets at(Instant instant) {
        return new StreamTickets(KEY, Duration.ofSeconds(60), Clock.fixed(instant, ZoneOffset.UTC));
    }
}
