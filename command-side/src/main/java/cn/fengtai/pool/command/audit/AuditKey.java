package cn.fengtai.pool.command.audit;

import cn.fengtai.pool.wiring.PoolProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;

import cn.fengtai.pool.events.audit.Signatures;

/**
 * The Ed25519 key that signs checkpoints. Production gives it in {@code pool.audit.private-key} (base64 PKCS #8, from
 * a secret store) with its public half in {@code pool.audit.public-key}; the embedded default generates one on first
 * start and keeps it in the data folder ({@code audit-ed25519.key}, {@code audit-ed25519.pub}). Without either, a key
 * lives only as long as the process, which is only good for tests.
 */
@Component
public class AuditKey {

    private static final Logger log = LoggerFactory.getLogger(AuditKey.class);

    private final PrivateKey privateKey;
    private final String publicKey;

    AuditKey(PoolProperties pool, org.springframework.core.env.Environment environment)
            throws GeneralSecurityException, IOException {
        String configuredPrivate = pool.audit().privateKey() == null ? "" : pool.audit().privateKey();
        String configuredPublic = pool.audit().publicKey() == null ? "" : pool.audit().publicKey();
        String dataDir = pool.dataDir() == null ? "" : pool.dataDir();
        if (!configuredPrivate.isBlank()) {
            privateKey = Signatures.privateKey(configuredPrivate);
            publicKey = configuredPublic.strip();
            Signatures.publicKey(publicKey);
            return;
        }
        if (!dataDir.isBlank()) {
            Path keyFile = Path.of(dataDir, "audit-ed25519.key");
            Path publicFile = Path.of(dataDir, "audit-ed25519.pub");
            if (!Files.exists(keyFile)) {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                Files.createDirectories(keyFile.getParent());
                Files.writeString(keyFile, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
                Files.writeString(publicFile, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
                log.info("generated the checkpoint signing key in {}; its public half is {}", keyFile, publicFile);
            }
            privateKey = Signatures.privateKey(Files.readString(keyFile));
            publicKey = Files.readString(publicFile).strip();
            return;
        }
        if (environment.matchesProfiles("production")) {
            throw new IllegalStateException("production needs the checkpoint signing key: set POOL_AUDIT_PRIVATE_KEY and POOL_AUDIT_PUBLIC_KEY");
        }
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        privateKey = pair.getPrivate();
        publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        log.warn("no checkpoint signing key configured: using a key that lives only as long as this process");
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** Base64 of the X.509 encoding, what auditors verify with. */
    public String publicKey() {
        return publicKey;
    }
}
