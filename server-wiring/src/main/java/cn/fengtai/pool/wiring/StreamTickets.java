package cn.fengtai.pool.wiring;

import cn.fengtai.pool.wiring.PoolAuthorities.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Short-lived tickets that sign a browser's {@code EventSource} in to the event stream: it cannot send an
 * {@code Authorization} header, so it asks for a ticket with one ({@code POST /api/events/tickets}) and opens
 * {@code /api/events/stream?ticket=...}. A ticket names the caller and its expiry and is signed with HMAC-SHA256, so any
 * instance that shares the key ({@code pool.stream.ticket-key}) accepts it and none needs to remember it. It opens the
 * stream only, nothing else.
 */
public final class StreamTickets {

    static final String STREAM = "/api/events/stream";
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final byte[] key;
    private final Duration lifetime;
    private final Clock clock;

    StreamTickets(String base64Key, Duration lifetime, Clock clock) {
        if (base64Key == null || base64Key.isBlank()) {
            key = new byte[32];
            new SecureRandom().nextBytes(key); // one instance: its own key; several must share one
        } else {
            key = Base64.getDecoder().decode(base64Key.strip());
        }
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A ticket for the signed-in caller, valid for the configured lifetime. */
    public String issue(Caller caller) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        String claims = String.join("\n", caller.user(), caller.role(), nullable(caller.street()),
                nullable(caller.department()), Long.toString(expires));
        String body = ENCODE.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODE.encodeToString(sign(body));
    }

    public long lifetimeSeconds() {
        return lifetime.toSeconds();
    }

    /** The caller a valid, unexpired ticket names; empty for anything else. */
    Optional<Authentication> authenticate(String ticket) {
        int dot = ticket == null ? -1 : ticket.indexOf('.');
        if (dot <= 0 || ticket.length() > 2_000) return Optional.empty();
        try {
            String body = ticket.substring(0, dot);
            if (!MessageDigest.isEqual(sign(body), DECODE.decode(ticket.substring(dot + 1)))) return Optional.empty();
            String[] claims = new String(DECODE.decode(body), StandardCharsets.UTF_8).split("\n", -1);
            if (claims.length != 5 || Long.parseLong(claims[4]) < clock.instant().getEpochSecond()) return Optional.empty();
            return Optional.of(UsernamePasswordAuthenticationToken.authenticated(claims[0], null,
                    PoolAuthorities.of(claims[1], blankAsNull(claims[2]), blankAsNull(claims[3]))));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** Signs in a stream request that carries a valid ticket and no credentials of its own. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String ticket = request.getParameter("ticket");
                if (ticket != null && STREAM.equals(request.getRequestURI()) && request.getHeader("Authorization") == null) {
                    authenticate(ticket).ifPresent(authentication ->
                            SecurityContextHolder.getContext().setAuthentication(authentication));
                }
                chain.doFilter(request, response);
            }
        };
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nullable(String value) {
        return value == null ? "" : value;
    }

    private static String blankAsNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
