package cn.fengtai.pool.standalone;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded server's index key order is the plain backend's, and files pass between the two. */
class EmbeddedBackendTest {

    private final IndexKeyType keys = new IndexKeyType();

    @Test
    void keysAreOrderedExactlyAsTheirJavaSerializations() {
        Random random = new Random(20261130);
        List<Object> samples = new ArrayList<>(List.of("", "a", "b", "ab", "\u0000", "\u007F", "\u0080", "\u07FF",
                "\u0800", "\uD83D\uDE00", "\uFFFF", "Ljava/util/List;", "p-00017", "马家堡", "x".repeat(70_000)));
        for (int i = 0; i < 400; i++) samples.add(randomText(random));
        List<Object> keysToCompare = new ArrayList<>();
        samples.forEach(text -> keysToCompare.add(new KeyValue(text)));
        keysToCompare.add(new KeyValue(17L));
        keysToCompare.add(new KeyValue("a", "b"));
        keysToCompare.add(new KeyValue(new Document("nested", 1)));
        for (Object a : keysToCompare) {
            for (Object b : keysToCompare) {
                int serialized = Integer.signum(ObjectDataType.compareNotNull(ObjectDataType.serialize(a), ObjectDataType.serialize(b)));
                assertThat(Integer.signum(keys.compare(a, b))).as("%s against %s", a, b).isEqualTo(serialized);
            }
        }
    }

    private static String randomText(Random random) {
        int length = random.nextInt(40);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0 -> text.append((char) ('a' + random.nextInt(26)));
                case 1 -> text.append((char) random.nextInt(0x80));
                case 2 -> text.append((char) (0x80 + random.nextInt(0x780)));
                case 3 -> text.append((char) (0x800 + random.nextInt(0xF7FF)));
                default -> text.appendCodePoint(0x10000 + random.nextInt(0xFFFFF));
            }
        }
        return text.toString();
    }

    @Test
    void aFileWrittenByThePlainBackendIsReadAndKeptUnique(@TempDir Path folder) {
        String file = folder.resolve("readmodels.mv").toString();
        List<String> ids = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) ids.add(i % 3 == 0 ? randomText(random) + i : "p-" + i);
        with(new H2Backend(file), projects -> {
            ids.forEach(id -> projects.insertOne(new Document("_id", id).append("n", 1)));
            return null;
        });
        with(new EmbeddedBackend(file), projects -> {
            for (String id : ids) {
                assertThat(projects.find(Filters.eq("_id", id)).first()).as(id).isNotNull();
            }
            assertThatThrownBy(() -> projects.insertOne(new Document("_id", ids.get(1234)))).hasMessageContaining("duplicate key");
            projects.insertOne(new Document("_id", "new"));
            return null;
        });
        with(new H2Backend(file), projects -> {
            assertThat(projects.countDocuments()).isEqualTo(ids.size() + 1);
            assertThat(projects.find(Filters.eq("_id", "new")).first()).isNotNull();
            assertThat(projects.find(Filters.eq("_id", ids.get(999))).first()).isNotNull();
            return null;
        });
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
