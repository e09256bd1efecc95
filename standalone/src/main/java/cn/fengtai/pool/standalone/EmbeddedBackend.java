package cn.fengtai.pool.standalone;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * mongo-java-server's H2 backend with three changes: its unique indexes order their keys with {@link IndexKeyType}, the
 * same order at a fraction of the cost; documents are stored as BSON ({@link DocumentType}) instead of with Java
 * serialization; and an update changes a copy of the stored document ({@link Collection}). A data folder written by
 * the plain backend opens here, not the other way round (README). Only the library's public extension points are
 * used: the backend's and database's factory methods, the store the backend shows, and the abstract unique index.
 */
final class EmbeddedBackend extends H2Backend {

    /** The plain backend's map names (package-private or private there). */
    private static final String DATA = "databases.";
    private static final String META = "meta.";

    /**
     * @param cacheMegabytes the store's page cache. A rebuild updates each project once per batch it spans: with H2's
     *                       16 MiB it reads many of their pages back from the file (a fifth of the server's time at
     *                       300,000 events), with a quarter of the heap it did not, but the cached documents then took
     *                       far more heap than the cache counts, and the query latencies on the million-event store
     *                       went from about 50 ms to 200 ms at the 99th percentile (docs/benchmarks.md)
     */
    EmbeddedBackend(String file, int cacheMegabytes) {
        super(open(file, cacheMegabytes));
    }

    /**
     * The store as the plain backend opens it, with the given cache. Saving less often (every five seconds or 256 MiB
     * of changes instead of H2's every second or 19 MiB) encoded a third as many pages in a 300,000-event rebuild, but
     * the unsaved pages nearly doubled the peak heap of a million-event rebuild and made it slower (56.5 s against
     * 49.4 s; docs/benchmarks.md): H2's settings stay.
     */
    private static MVStore open(String file, int cacheMegabytes) {
        return new MVStore.Builder().fileName(file).cacheSize(cacheMegabytes).open();
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** Inner, so that the store is at hand while the plain database opens its collections in its constructor. */
    private final class Database extends H2Database {

        Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
        }

        /** As the plain backend does (same map names), with documents stored as {@link DocumentType} does. */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
            MVStore store = getMvStore();
            String name = getFullCollectionNamespace(collection);
            MVMap<Object, Document> documents = store.openMap(DATA + name,
                    new MVMap.Builder<Object, Document>().valueType(new DocumentType()));
            MVMap<String, Object> meta = store.openMap(META + name);
            return new Collection(this, collection, options, documents, meta, cursorRegistry);
        }

        /** As the plain backend does (same map name), with the key order of {@link IndexKeyType}. */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collection, String index, List<IndexKey> keys, boolean sparse) {
            MVMap<KeyValue, Object> map = getMvStore().openMap(
                    getFullCollectionNamespace(collection) + "._index_" + index,
                    new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
            return new UniqueIndex(map, index, keys, sparse);
        }
    }

    /** The plain backend's unique index (whose constructor the library keeps to itself), on the given map. */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * The plain collection updates a stored document in place and then puts the same object again. The store's
     * background writer may be encoding that object at the time (Java serialization did not notice and could write a
     * half-updated document; BSON encoding fails on the change). Updates here change a copy instead.
     */
    private static final class Collection extends H2Collection {

        private final MVMap<Object, Document> documents;
        private final ThreadLocal<Boolean> updating = ThreadLocal.withInitial(() -> false);

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> documents,
                   MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, documents, meta, cursors);
            this.documents = documents;
        }

        /**
         * No running total of the collection's BSON size (the {@code collStats} figure, which nothing here asks for):
         * keeping it encoded every document twice per update, about an eighth of the server's time in a rebuild (JFR).
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters filters,
                                                     boolean multi, boolean upsert, Oplog oplog) {
            return whileUpdating(() -> super.updateDocuments(selector, update, filters, multi, upsert, oplog));
        }

        @Override
        public synchronized Document findAndModify(Document query) {
            return whileUpdating(() -> super.findAndModify(query));
        }

        @Override
        protected Document getDocument(Object position) {
            return copyWhileUpdating(super.getDocument(position));
        }

        @Override
        protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
            return super.streamAllDocumentsWithPosition()
                    .map(stored -> new DocumentWithPosition<>(copyWhileUpdating(stored.getDocument()), stored.getPosition()));
        }

        /** As the plain collection does, with copies while updating. */
        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document fields) {
            if (isNaturalDescending(orderBy)) return super.matchDocuments(query, orderBy, skip, limit, batchSize, fields);
            return matchDocumentsFromStream(documents.values().stream().map(this::copyWhileUpdating), query, orderBy,
                    skip, limit, batchSize, fields);
        }

        private Document copyWhileUpdating(Document stored) {
            return stored != null && updating.get() ? stored.cloneDeeply() : stored;
        }

        private <T> T whileUpdating(java.util.function.Supplier<T> work) {
            updating.set(true);
            try {
                return work.get();
            } finally {
                updating.set(false);
            }
        }
    }
}
