package cn.fengtai.pool.wiring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sign-in and the coarse rules of both sides. Reads are open where API.md opens them (listed projects and statistics,
 * filtered for anonymous callers by the query side); every write needs a signed-in caller, and who may do what to which
 * project is decided in the command handling itself. Demo accounts (HTTP Basic) exist only when
 * {@code pool.security.demo-accounts=true}, the embedded default; production takes JWTs from an identity provider
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}) whose claims {@code role}, {@code street} and
 * {@code department} map to the same authorities.
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnClass(name = {"org.springframework.security.web.SecurityFilterChain", "jakarta.servlet.Filter"})
@org.springframework.context.annotation.Import(ProblemLanguage.class)
public class PoolSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PoolSecurityAutoConfiguration.class);
    private static final String STRICT = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    private static final RequestMatcher SWAGGER_UI = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/api/swagger-ui/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/api/docs"));

    private static HeaderWriter csp(String policy) {
        return new StaticHeadersWriter("Content-Security-Policy", policy);
    }

    @Bean
    SecurityFilterChain poolSecurity(HttpSecurity http, StreamTickets tickets, PoolProperties pool,
                                     @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer,
                                     @Value("${spring.security.oauth2.resourceserver.jwt.public-key-location:}") String publicKey)
            throws Exception {
        boolean demoAccounts = pool.security().demoAccounts();
        List<String> corsOrigins = pool.cors().allowedOrigins();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(cors -> cors.configurationSource(cors(corsOrigins)))
                // The public page and its assets come from this origin only. Swagger UI (the embedded default's API
                // documentation) also sets styles of its own inline: allowed on its pages only.
                .headers(h -> h
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(SWAGGER_UI, csp(STRICT + "; style-src 'self' 'unsafe-inline'")))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(SWAGGER_UI), csp(STRICT))))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        // The public page (query side's static files) and the chart library it is drawn with.
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/assets/**", "/webjars/**", "/favicon.ico",
                                "/swagger-ui/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/", "/index.html", "/assets/**", "/webjars/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole("DISTRICT", "AUDITOR")
                        .requestMatchers("/api/imports/**").authenticated()
                        .requestMatchers(HttpMethod.DELETE, "/api/webhooks/*").authenticated()
                        // HEAD as GET: the same answer without its body.
                        .requestMatchers(HttpMethod.GET, "/api/projects/*/history", "/api/events", "/api/events/**").authenticated()
                        .requestMatchers(HttpMethod.HEAD, "/api/projects/*/history", "/api/events", "/api/events/**").authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/audit/**", "/api/admin/**").hasAnyRole("DISTRICT", "AUDITOR")
                        .requestMatchers(HttpMethod.HEAD, "/api/audit/**", "/api/admin/**").hasAnyRole("DISTRICT", "AUDITOR")
                        .requestMatchers(HttpMethod.POST, "/api/admin/**").hasRole("DISTRICT")
                        .requestMatchers(HttpMethod.GET, "/api/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/api/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/**").authenticated()
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, failure) -> problem(request, response, 401, "Not signed in",
                                "sign in to do this (HTTP Basic on the embedded default, a bearer token in production)"))
                        .accessDeniedHandler((request, response, denied) -> problem(request, response, 403, "Not allowed",
                                "your role may not do this")));
        if (demoAccounts) {
            log.warn("DEMO ACCOUNTS ARE ACTIVE: district, finance, auditor, street.<code>, dept.<code>, all with password 'demo'. "
                    + "Never run a real pool like this; the production profile refuses to start with them.");
            http.httpBasic(basic -> basic.authenticationEntryPoint((request, response, failure) -> problem(request, response, 401,
                    "Not signed in", "wrong or missing credentials")));
        }
        if (!issuer.isBlank() || !publicKey.isBlank()) {
            http.oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(jwtClaims())));
        }
        http.addFilterBefore(tickets.filter(), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    /** Tickets for a browser's EventSource ({@link StreamTickets}); several instances must share the key. */
    @Bean
    StreamTickets streamTickets(PoolProperties pool) {
        return new StreamTickets(pool.stream().ticketKey() == null ? "" : pool.stream().ticketKey(),
                Duration.ofSeconds(pool.stream().ticketSeconds()), Clock.systemUTC());
    }

    /** {@code POST /api/events/tickets}: a ticket for the signed-in caller to open the event stream with. */
    @RestController
    static class StreamTicketController {

        private final StreamTickets tickets;

        StreamTicketController(StreamTickets tickets) {
            this.tickets = tickets;
        }

        @PostMapping("/api/events/tickets")
        Map<String, Object> issue() {
            PoolAuthorities.Caller caller = PoolAuthorities.caller(
                    SecurityContextHolder.getContext().getAuthentication());
            return Map.of("ticket", tickets.issue(caller), "expiresIn", tickets.lifetimeSeconds(),
                    "stream", StreamTickets.STREAM + "?ticket=");
        }
    }

    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(
            PoolProperties pool) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new RequestSizeLimit(pool.maxRequestBytes(), pool.imports().maxBytes()));
        registration.setOrder(Integer.MIN_VALUE + 1);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** Keeps Boot from generating a random-password user when neither demo accounts nor JWTs are configured. */
    @Bean
    UserDetailsService noUsersOutsideDemo(PoolProperties pool) {
        return pool.security().demoAccounts() ? DemoAccounts.all() : username -> {
            throw new org.springframework.security.core.userdetails.UsernameNotFoundException(username);
        };
    }

    /** JWT claims {@code role}, {@code street}, {@code department}; the user is {@code preferred_username} or {@code sub}. */
    public static Converter<Jwt, AbstractAuthenticationToken> jwtClaims() {
        return jwt -> {
            String user = jwt.hasClaim("preferred_username") ? jwt.getClaimAsString("preferred_username") : jwt.getSubject();
            return new JwtAuthenticationToken(jwt, PoolAuthorities.of(jwt.getClaimAsString("role"),
                    jwt.getClaimAsString("street"), jwt.getClaimAsString("department")), user);
        };
    }

    private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!origins.isEmpty() && !(origins.size() == 1 && origins.get(0).isBlank())) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(origins);
            configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-None-Match", "Last-Event-ID"));
            configuration.setExposedHeaders(List.of("Location", "ETag", "Retry-After", "Last-Event-ID"));
            configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "DELETE", "OPTIONS"));
            source.registerCorsConfiguration("/api/**", configuration);
        }
        return source;
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, int status, String title,
                                String detail) throws IOException {
        if (status == 401) response.setHeader("WWW-Authenticate", "Basic realm=\"project-pool\", Bearer");
        ProblemResponses.write(request, response, status, title, detail);
    }

    /** What the security firewall refuses (a path with {@code ;}, {@code //}, an encoded dot ...): 400, not a 500. */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler problemForRejectedRequests() {
        return (request, response, rejected) -> ProblemResponses.write(request, response, 400, "Bad Request",
                "the request is malformed");
    }

    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<MalformedRequests> malformedRequests() {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new MalformedRequests());
        registration.setOrder(Integer.MIN_VALUE);
        return registration;
    }

    /** Outside every other filter: whatever answers an error without a body, the answer is a problem detail. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<EmptyErrorAnswers> emptyErrorAnswers() {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new EmptyErrorAnswers());
        registration.setOrder(Integer.MIN_VALUE);
        return registration;
    }
}
