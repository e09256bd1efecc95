package cn.fengtai.pool.standalone;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded server's files are the library's own, both ways, and an earlier version's file is left to a rebuild. */
class EmbeddedBackendTest {

    @Test
    void filesOfThePlainBackendAndOfThisOneAreTheSame(@TempDir Path folder) {
        String file = folder.resolve("read-models.mv").toString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) ids.add(i % 3 == 0 ? "马家堡-" + i : "p-" + i);
        with(new H2Backend(file), projects -> {
            ids.forEach(id -> projects.insertOne(new Document("_id", id).append("n", 1)));
            return null;
        });
        with(new EmbeddedBackend(file, 16), projects -> {
            for (String id : ids) {
                assertThat(projects.find(Filters.eq("_id", id)).first()).as(id).isNotNull();
            }
            assertThatThrownBy(() -> projects.insertOne(new Document("_id", ids.get(1234)))).hasMessageContaining("duplicate key");
            projects.insertOne(new Document("_id", "new"));
            for (int i = 0; i < ids.size(); i += 2) {
                projects.replaceOne(Filters.eq("_id", ids.get(i)), new Document("_id", ids.get(i)).append("n", 2));
            }
            projects.updateMany(Filters.eq("n", 1), Updates.inc("n", 2));
            return null;
        });
        with(new H2Backend(file), projects -> {
            assertThat(projects.countDocuments()).isEqualTo(ids.size() + 1);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(projects.find(Filters.eq("_id", ids.get(i))).first().getInteger("n")).isEqualTo(i % 2 == 0 ? 2 : 3);
            }
            return null;
        });
    }

    @Test
    void theReadModelsOfAnEarlierVersionAreDeletedToBeRebuilt(@TempDir Path folder) throws Exception {
        Path earlier = Files.writeString(folder.resolve("readmodels.mv"), "an earlier version's encoding");
        MongoServer server = EmbeddedMongo.open(folder, 16);
        try {
            assertThat(earlier).doesNotExist();
            assertThat(folder.resolve("read-models.mv")).exists();
        } finally {
            server.shutdown();
        }
    }

    private static void with(H2Backend backend, Function<MongoCollection<Document>, Void> work) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            work.apply(client.getDatabase("projectpool").getCollection("projects"));
        } finally {
            server.shutdown();
        }
    }
}
