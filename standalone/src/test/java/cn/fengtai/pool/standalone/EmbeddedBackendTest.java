package cn.fengtai.pool.standalone;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.WriteBuffer;
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

/**
 * The embedded server's index key order is the plain backend's, and its documents are stored as BSON: files of the
 * plain backend open here, not the other way round.
 */
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

    @Test
    void keysAreWrittenAndReadBackEqualAndKeysWrittenByThePlainBackendAreRead() {
        Random random = new Random(20261201);
        List<KeyValue> samples = new ArrayList<>(List.of(new KeyValue(""), new KeyValue("\u0000"),
                new KeyValue("马家堡"), new KeyValue("\uD83D\uDE00"), new KeyValue("x".repeat(70_000)),
                new KeyValue("Ljava/util/List;"), new KeyValue(17L), new KeyValue("a", "b"),
                new KeyValue(new Document("nested", 1))));
        for (int i = 0; i < 400; i++) samples.add(new KeyValue(randomText(random)));
        ObjectDataType plain = new ObjectDataType();
        for (KeyValue key : samples) {
            WriteBuffer ours = new WriteBuffer();
            keys.write(ours, key);
            WriteBuffer before = new WriteBuffer();
            plain.write(before, key);
            assertThat(keys.read(ours.getBuffer().flip())).isEqualTo(key);
            assertThat(keys.read(before.getBuffer().flip())).isEqualTo(key);
        }
        WriteBuffer one = new WriteBuffer();
        keys.write(one, new KeyValue("p-00017"));
        assertThat(one.getBuffer().get(0)).as("a one-string key is not Java-serialized").isEqualTo(IndexKeyType.ONE_STRING);
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
    void aFileWrittenByThePlainBackendIsReadKeptUniqueAndUpdated(@TempDir Path folder) {
        String file = folder.resolve("readmodels.mv").toString();
        List<String> ids = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) ids.add(i % 3 == 0 ? randomText(random) + i : "p-" + i);
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
            return null;
        });
        with(new EmbeddedBackend(file, 16), projects -> {
            assertThat(projects.countDocuments()).isEqualTo(ids.size() + 1);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(projects.find(Filters.eq("_id", ids.get(i))).first().getInteger("n")).isEqualTo(i % 2 == 0 ? 2 : 1);
            }
            return null;
        });
        // One way only: the plain backend reads neither documents stored as BSON nor index keys stored as strings
        // (README: back to an earlier version).
        assertThatThrownBy(() -> with(new H2Backend(file), projects -> {
            projects.find().into(new ArrayList<>());
            return null;
        }))
                .hasMessageMatching(".*Unsupported type (" + DocumentType.BSON + "|" + IndexKeyType.ONE_STRING + ").*");
    }

    @Test
    void documentsAreStoredAsBsonAndReadBackEqual() {
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", "p-1")
                .append("text", "翠林三里社区 \u0000 😀").append("int", 7).append("long", 7L << 40).append("double", 0.1)
                .append("yes", true).append("none", null).append("at", java.time.Instant.ofEpochMilli(1_700_000_000_123L))
                .append("decimal", de.bwaldvogel.mongo.bson.Decimal128.ONE)
                .append("id", new de.bwaldvogel.mongo.bson.ObjectId())
                .append("list", List.of(1, "two", new de.bwaldvogel.mongo.bson.Document("three", 3)))
                .append("nested", new de.bwaldvogel.mongo.bson.Document("deeper", new de.bwaldvogel.mongo.bson.Document("x", List.of())));
        DocumentType type = new DocumentType();
        org.h2.mvstore.WriteBuffer buffer = new org.h2.mvstore.WriteBuffer();
        type.write(buffer, document);
        new ObjectDataType().write(buffer, document);
        java.nio.ByteBuffer stored = buffer.getBuffer().flip();

        assertThat(stored.get(0)).isEqualTo(DocumentType.BSON);
        assertThat(type.read(stored)).isEqualTo(document);
        assertThat(type.read(stored)).as("as the plain backend stored it").isEqualTo(document);
        assertThat(stored.hasRemaining()).isFalse();
    }

    @Test
    void documentsAreEncodedAndDecodedAsTheServerDoes() {
        Random random = new Random(20261130);
        for (int i = 0; i < 2_000; i++) {
            de.bwaldvogel.mongo.bson.Document document = randomDocument(random, 0);
            io.netty.buffer.ByteBuf ours = io.netty.buffer.Unpooled.buffer();
            io.netty.buffer.ByteBuf theirs = io.netty.buffer.Unpooled.buffer();
            DocumentBson.write(document, ours);
            de.bwaldvogel.mongo.wire.bson.BsonEncoder.encodeDocument(document, theirs);
            assertThat(io.netty.buffer.ByteBufUtil.getBytes(ours)).as(document.toString())
                    .isEqualTo(io.netty.buffer.ByteBufUtil.getBytes(theirs));
            de.bwaldvogel.mongo.bson.Document read = DocumentBson.read(ours);
            assertThat(ours.isReadable()).isFalse();
            assertThat(read).isEqualTo(de.bwaldvogel.mongo.wire.bson.BsonDecoder.decodeBson(theirs));
        }
    }

    private static de.bwaldvogel.mongo.bson.Document randomDocument(Random random, int depth) {
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document();
        int fields = random.nextInt(8);
        // a name ends at its first zero byte in BSON, so names hold none
        for (int f = 0; f < fields; f++) {
            document.append(randomText(random).replace('\u0000', '_') + f, randomValue(random, depth));
        }
        return document;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth < 3 ? 12 : 9);
        return switch (kind) {
            case 0 -> randomText(random);
            case 1 -> random.nextInt();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble();
            case 4 -> random.nextBoolean();
            case 5 -> null;
            case 6 -> java.time.Instant.ofEpochMilli(random.nextLong() >> 20);
            case 7 -> new de.bwaldvogel.mongo.bson.Decimal128(random.nextLong(), random.nextLong());
            case 8 -> "马家堡 \uD83D\uDE00 \uD800 " + random.nextInt(100);
            case 9 -> randomDocument(random, depth + 1);
            case 10 -> java.util.stream.IntStream.range(0, random.nextInt(80)).mapToObj(n -> randomValue(random, depth + 1)).toList();
            default -> new java.util.LinkedHashSet<>(List.of(randomText(random), random.nextInt()));
        };
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
