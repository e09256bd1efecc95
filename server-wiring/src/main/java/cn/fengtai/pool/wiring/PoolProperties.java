package cn.fengtai.pool.wiring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Every {@code pool.*} setting of both sides and the launcher, with its default, checked at start (a wrong value stops
 * the application with a message naming the setting, instead of failing later). The README's configuration table
 * lists them; IDEs complete them from the metadata the build generates.
 *
 * @param zone              the district's time zone: what "today" is for business dates and overdue projects
 * @param publicUrl         the origin clients reach the pool at (the events' {@code dataschema} links, the AsyncAPI
 *                          server); empty: the origin an HTTP reader asked at (RabbitMQ and webhooks then name
 *                          {@code http://localhost:8080})
 * @param dataDir           the embedded default's data folder (events, read models, the audit key)
 * @param embeddedMongo     whether the launcher runs the in-process MongoDB-compatible server
 * @param embeddedMongoCacheMb the embedded read-model store's page cache in MiB
 * @param mongoDatabase     the read models' database
 * @param maxRequestBytes   the largest request body accepted
 * @param problemLanguage   the language of problem details for a reader who names none (Accept-Language):
 *                          {@code en}, or {@code zh-CN} in production
 */
@Validated
@ConfigurationProperties("pool")
public record PoolProperties(
        @DefaultValue("Asia/Shanghai") @NotBlank String zone,
        @jakarta.validation.constraints.Pattern(regexp = "(https?://[^/?#\\s]+)?", message = "is an origin such as https://pool.example.gov.cn, or empty")
        String publicUrl,
        String dataDir,
        @DefaultValue("false") boolean embeddedMongo,
        @DefaultValue("16") @Positive int embeddedMongoCacheMb,
        @DefaultValue("projectpool") @NotBlank String mongoDatabase,
        @DefaultValue("262144") @Min(1024) long maxRequestBytes,
        @DefaultValue("en") @NotBlank String problemLanguage,
        @DefaultValue @Valid Security security,
        @DefaultValue @Valid Cors cors,
        @DefaultValue @Valid Stream stream,
        @DefaultValue @Valid EventStore eventStore,
        @DefaultValue @Valid Input input,
        @DefaultValue @Valid Audit audit,
        @DefaultValue @Valid Idempotency idempotency,
        @DefaultValue @Valid Snapshots snapshots,
        @DefaultValue @Valid Projections projections,
        @DefaultValue @Valid Statistics statistics,
        @DefaultValue @Valid Rabbitmq rabbitmq,
        @DefaultValue @Valid Imports imports,
        @DefaultValue @Valid Webhooks webhooks) {

    /**
     * The district's day of an instant, or today for none: the day business dates, deadlines and months are counted
     * on, on both sides.
     */
    public LocalDate districtDay(java.time.Instant at) {
        java.time.ZoneId district = java.time.ZoneId.of(zone);
        return at == null ? LocalDate.now(district) : LocalDate.ofInstant(at, district);
    }

    /** @param demoAccounts the demo accounts (password {@code demo}); the production profile refuses them */
    public record Security(@DefaultValue("false") boolean demoAccounts) {
    }

    /** @param allowedOrigins the browser origins allowed to call the API (none: same origin only) */
    public record Cors(@DefaultValue List<String> allowedOrigins) {
    }

    /**
     * @param ticketKey     the key both sides sign event-stream tickets with (base64; required in production)
     * @param ticketSeconds how long a ticket opens the stream
     * @param heartbeatMs   the comment sent on an idle stream
     * @param maxLag        how far a subscriber may fall behind before it is closed (it resumes with Last-Event-ID)
     */
    public record Stream(String ticketKey, @DefaultValue("60") @Min(5) @Max(3600) int ticketSeconds,
                         @DefaultValue("15000") @Min(50) long heartbeatMs, @DefaultValue("100000") @Positive int maxLag) {
    }

    /**
     * @param gapTimeoutMs  Axon's gap timeout
     * @param readBatchSize rows per query when processors read the store
     * @param groupCommit   whether requests' events are written together at their commits
     * @param fetchDelayMs  how often idle processors look for new events
     * @param mode          {@code pool}; {@code stock} appends as Axon's JDBC engine does, with no append lock, group
     *                      commit or hash chain: the peer the benchmark measures against, refused in production
     */
    public record EventStore(@DefaultValue("60000") @Positive int gapTimeoutMs,
                             @DefaultValue("1000") @Positive int readBatchSize,
                             @DefaultValue("true") boolean groupCommit,
                             @DefaultValue("100") @Positive long fetchDelayMs,
                             @DefaultValue("pool") @jakarta.validation.constraints.Pattern(regexp = "pool|stock") String mode) {

        public boolean stock() {
            return "stock".equals(mode);
        }
    }

    /**
     * @param earliestDate the earliest business date a command may carry (earlier ones are refused as mistyped)
     * @param latestDate   the latest business date a command may carry
     */
    public record Input(@DefaultValue("1990-01-01") @NotNull LocalDate earliestDate,
                        @DefaultValue("2100-12-31") @NotNull LocalDate latestDate) {
    }

    /**
     * @param privateKey           the Ed25519 key checkpoints are signed with, base64 PKCS #8 (generated into the data
     *                             folder when absent)
     * @param publicKey            its public half, base64 X.509
     * @param checkpointIntervalMs how often the head of the hash chain is sealed into a signed checkpoint
     */
    public record Audit(String privateKey, String publicKey, @DefaultValue("60000") @Positive long checkpointIntervalMs) {
    }

    /**
     * @param retention     how long the answer to an Idempotency-Key is kept
     * @param purgeInterval how often older answers are purged
     */
    public record Idempotency(@DefaultValue("7d") @NotNull Duration retention,
                              @DefaultValue("1h") @NotNull Duration purgeInterval) {
    }

    /** @param every a snapshot of a batch or fund every this many events */
    public record Snapshots(@DefaultValue("100") @Positive int every) {
    }

    /**
     * @param batchSize     events per batch of a projection's processor
     * @param axonDefaults  Axon's own processor settings (the benchmark's baseline)
     * @param progressLogMs how often a running rebuild logs its progress
     * @param rebuildCheckMs how often a rebuild whose last events belong to other read models is checked for its end
     */
    public record Projections(@DefaultValue("10000") @Positive int batchSize, @DefaultValue("false") boolean axonDefaults,
                              @DefaultValue("10000") @Positive long progressLogMs,
                              @DefaultValue("500") @Positive long rebuildCheckMs) {
    }

    /**
     * @param checkpointEvery a copy of the pool's counters every this many events, for answers as of a past instant
     * @param maxCheckpoints  the most copies kept: beyond it the older half is thinned
     */
    public record Statistics(@DefaultValue("5000") @Positive long checkpointEvery,
                             @DefaultValue("1000") @Min(2) int maxCheckpoints) {
    }

    /**
     * @param allowPrivateAddresses whether a webhook may point at a loopback, private or link-local address (tests)
     * @param retryBaseMs           the first retry's delay; each next one doubles it, with jitter
     * @param maxRetryDelayMs       the longest delay between two attempts
     * @param retryWindow           how long a failing subscription is retried before it is disabled
     * @param timeoutMs             how long a receiver may take to answer
     * @param pollMs                how often due deliveries are looked for
     */
    public record Webhooks(@DefaultValue("false") boolean allowPrivateAddresses,
                           @DefaultValue("1000") @Positive long retryBaseMs,
                           @DefaultValue("3600000") @Positive long maxRetryDelayMs,
                           @DefaultValue("1d") @NotNull Duration retryWindow,
                           @DefaultValue("10000") @Positive long timeoutMs,
                           @DefaultValue("500") @Positive long pollMs) {
    }

    /**
     * @param maxBytes  the largest spreadsheet upload accepted
     * @param asyncRows a sheet of more rows runs in the background: 202 and its report at GET /api/imports/{id}
     * @param parallelRows how many rows' commands run at once (each row still in its own transaction)
     */
    public record Imports(@DefaultValue("20971520") @Min(1024) long maxBytes,
                          @DefaultValue("1000") @Positive long asyncRows,
                          @DefaultValue("8") @Min(1) @Max(64) int parallelRows) {
    }

    /**
     * @param enabled  whether the event feed is published to RabbitMQ
     * @param exchange the topic exchange it is published to
     */
    public record Rabbitmq(@DefaultValue("false") boolean enabled, @DefaultValue("project-pool.events") @NotBlank String exchange) {
    }
}
