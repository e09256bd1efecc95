package cn.fengtai.pool.standalone;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.h2.H2UniqueIndex;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.List;

/**
 * mongo-java-server's H2 backend with one change: its unique indexes order their keys with {@link IndexKeyType}, the
 * same order at a fraction of the cost. Same file format, so a data folder written by the plain backend opens here and
 * the other way round. The backend keeps its store and its index constructor private; they are reached by reflection,
 * checked once when the class loads (a library upgrade that moves them fails at start-up, not later).
 */
final class EmbeddedBackend extends H2Backend {

    private static final Field BACKEND_STORE = field(H2Backend.class);
    private static final Field DATABASE_STORE = field(H2Database.class);
    private static final Constructor<H2UniqueIndex> UNIQUE_INDEX = uniqueIndex();

    EmbeddedBackend(String file) {
        super(file);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, store(BACKEND_STORE, this), getCursorRegistry());
    }

    private static final class Database extends H2Database {

        Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
        }

        /** As the plain backend does (same map name), with the key order of {@link IndexKeyType}. */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collection, String index, List<IndexKey> keys, boolean sparse) {
            MVMap<KeyValue, Object> map = store(DATABASE_STORE, this).openMap(
                    getFullCollectionNamespace(collection) + "._index_" + index,
                    new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
            try {
                return UNIQUE_INDEX.newInstance(map, index, keys, sparse);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot open index " + index + " of " + collection, e);
            }
        }
    }

    private static MVStore store(Field field, Object owner) {
        try {
            return (MVStore) field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field field(Class<?> owner) {
        try {
            Field field = owner.getDeclaredField("mvStore");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("mongo-java-server changed: no mvStore in " + owner.getName(), e);
        }
    }

    private static Constructor<H2UniqueIndex> uniqueIndex() {
        try {
            Constructor<H2UniqueIndex> constructor = H2UniqueIndex.class.getDeclaredConstructor(MVMap.class,
                    String.class, List.class, boolean.class);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("mongo-java-server changed: no H2UniqueIndex(MVMap, String, List, boolean)", e);
        }
    }
}
