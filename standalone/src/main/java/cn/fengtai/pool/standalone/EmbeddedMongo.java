package cn.fengtai.pool.standalone;

import cn.fengtai.pool.wiring.PoolProperties;
import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The in-process, wire-compatible MongoDB server of the embedded default, on an H2 file in the data folder so the read
 * models survive a restart. The client is pointed at it through {@link MongoConnectionDetails}, which depends on the
 * started server, so the client never races it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "pool.embedded-mongo", havingValue = "true")
class EmbeddedMongo {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    @Bean(destroyMethod = "shutdown")
    MongoServer embeddedMongoServer(PoolProperties pool) throws IOException {
        if (pool.dataDir() == null || pool.dataDir().isBlank()) throw new IllegalStateException("pool.data-dir is not set");
        return open(Path.of(pool.dataDir()), pool.embeddedMongoCacheMb());
    }

    static MongoServer open(Path dataDir, int cacheMegabytes) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.toAbsolutePath().resolve("read-models.mv");
        forgetEarlierReadModels(dataDir);
        MongoServer server = new MongoServer(new EmbeddedBackend(file.toString(), cacheMegabytes));
        server.bind("127.0.0.1", 0);
        log.info("embedded MongoDB-compatible server on {} with data in {}", server.getLocalAddress(), file);
        return server;
    }

    /**
     * Versions before issue 27 stored the read models in their own encoding, which the library cannot read. They are
     * derived data: without them (and their tokens, kept beside them) the processors fold every event again at start.
     */
    private static void forgetEarlierReadModels(Path dataDir) throws IOException {
        Path earlier = dataDir.toAbsolutePath().resolve("readmodels.mv");
        if (Files.deleteIfExists(earlier)) {
            log.info("deleted {} of an earlier version: the read models are rebuilt from the events", earlier);
        }
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnection(MongoServer embeddedMongoServer,
                                                   PoolProperties pool) {
        String database = pool.mongoDatabase();
        InetSocketAddress address = embeddedMongoServer.getLocalAddress();
        ConnectionString connection = new ConnectionString(
                "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database);
        return () -> connection;
    }
}
