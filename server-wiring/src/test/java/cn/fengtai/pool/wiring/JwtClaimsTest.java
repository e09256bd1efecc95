package cn.fengtai.pool.wiring;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Production tokens map to the same caller as the demo accounts do. */
class JwtClaimsTest {

    private static Jwt token(String role, String street, String department) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("u-123")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).claim("preferred_username", "wang.li");
        if (role != null) jwt.claim("role", role);
        if (street != null) jwt.claim("street", street);
        if (department != null) jwt.claim("department", department);
        return jwt.build();
    }

    @Test
    void aStreetOfficeToken() {
        Authentication authentication = PoolSecurityAutoConfiguration.jwtClaims().convert(token("STREET", "xiluoyuan", null));
        assertThat(PoolAuthorities.caller(authentication))
                .isEqualTo(new PoolAuthorities.Caller("wang.li", "STREET", "xiluoyuan", null));
    }

    @Test
    void aDepartmentToken() {
        Authentication authentication = PoolSecurityAutoConfiguration.jwtClaims().convert(token("department", null, "transport"));
        assertThat(PoolAuthorities.caller(authentication))
                .isEqualTo(new PoolAuthorities.Caller("wang.li", "DEPARTMENT", null, "transport"));
    }

    @Test
    void aTokenWithoutARoleIsNobody() {
        Authentication authentication = PoolSecurityAutoConfiguration.jwtClaims().convert(token(null, null, null));
        assertThat(PoolAuthorities.caller(authentication).signedIn()).isFalse();
    }
}
