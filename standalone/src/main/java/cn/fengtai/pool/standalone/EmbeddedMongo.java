package cn.fengtai.pool.standalone;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
    MongoServer embeddedMongoServer(@Value("${pool.data-dir}") Path dataDir,
                                    @Value("${pool.embedded-mongo-cache-mb:0}") int cacheMegabytes) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.toAbsolutePath().resolve("readmodels.mv");
        MongoServer server = new MongoServer(new EmbeddedBackend(file.toString(), cacheMegabytes > 0 ? cacheMegabytes : quarterOfTheHeap()));
        server.bind("127.0.0.1", 0);
        log.info("embedded MongoDB-compatible server on {} with data in {}", server.getLocalAddress(), file);
        return server;
    }

    /**
     * The read models' page cache when none is configured. A rebuild updates each project once per batch it spans, so
     * the pages it returns to are those of every project: with 16 MiB (H2's default) or 256 MiB, a 300,000-event
     * rebuild read pages back from the file in a fifth of the server's time; with 1 GiB it did not (JFR).
     */
    static int quarterOfTheHeap() {
        return (int) Math.max(16, Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024));
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnection(MongoServer embeddedMongoServer,
                                                   @Value("${pool.mongo-database:projectpool}") String database) {
        InetSocketAddress address = embeddedMongoServer.getLocalAddress();
        ConnectionString connection = new ConnectionString(
                "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database);
        return () -> connection;
    }
}
