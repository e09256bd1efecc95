package cn.fengtai.pool.standalone;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * mongo-java-server's H2 backend, its files exactly the library's, with one fix: an update changes a copy of the
 * stored document (see {@link Collection}); and no {@code collStats} size is kept. Only the library's public
 * extension points are used: the backend's constructor taking a store, the database's factory method for collections and the collection's protected methods.
 * The fix is proposed upstream in {@code docs/upstream.md}; this class goes when a release has it.
 */
final class EmbeddedBackend extends H2Backend {

    /** The plain backend's map name prefixes (package-private there): the same names keep the same files. */
    private static final String DATA = "databases.";
    private static final String META = "meta.";

    /** @param cacheMegabytes the store's page cache (H2's default is 16) */
    EmbeddedBackend(String file, int cacheMegabytes) {
        super(new MVStore.Builder().fileName(file).cacheSize(cacheMegabytes).open());
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

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
            MVStore mvStore = getMvStore();
            String name = getFullCollectionNamespace(collection);
            MVMap<Object, Document> documents = mvStore.openMap(DATA + name);
            MVMap<String, Object> meta = mvStore.openMap(META + name);
            return new Collection(this, collection, options, documents, meta, cursorRegistry);
        }
    }

    /**
     * The plain collection updates a stored document in place and then puts the same object again, while the store's
     * background writer may be serializing that very object: it can write a half-updated document to the file, which
     * the next start reads. Updates here change a copy instead.
     */
    private static final class Collection extends H2Collection {

        private final MVMap<Object, Document> documents;
        private final ThreadLocal<Boolean> updating = ThreadLocal.withInitial(() -> false);

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> documents,
                   MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, documents, meta, cursors);
            this.documents = documents;
        }

        /** No running total of the BSON size for {@code collStats}, which nothing here asks for and costs an encoding per update. */
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

        private <T> T whileUpdating(Supplier<T> work) {
            updating.set(true);
            try {
                return work.get();
            } finally {
                updating.set(false);
            }
        }
    }
}
