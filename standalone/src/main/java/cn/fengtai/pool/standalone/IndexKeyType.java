package cn.fengtai.pool.standalone;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * The order of the embedded server's unique index keys, as mongo-java-server's H2 backend stores them, without the cost.
 * The backend keeps index keys with H2's {@link ObjectDataType}, which orders objects it does not know (the backend's
 * {@link KeyValue}) by comparing their Java serializations byte by byte: every step of every index lookup serialized
 * both keys, half the embedded server's time in a rebuild (docs/benchmarks.md). Almost every key here is one string (a
 * document's {@code _id}); for two such keys this compares what their serializations differ in, the string's
 * modified UTF-8 length and then its bytes, so the order is the very order of the files written before. Every other
 * key is compared as before.
 * <p>
 * A one-string key is also written as its string behind a tag byte of its own instead of as a Java serialization,
 * which was a fifth of the store's background writer in a rebuild (JFR); keys written before are read as before.
 * Like {@link DocumentType}, one way: the plain backend cannot read the tag.
 */
final class IndexKeyType extends ObjectDataType {

    /** A tag H2's object type does not use (it fails on negative tags); {@link DocumentType} has -66. */
    static final byte ONE_STRING = -65;

    /** The one string the serialization of a key writes before the key's own: KeyValue's field type. */
    private static final String FIELD_TYPE = "Ljava/util/List;";

    @Override
    public int compare(Object a, Object b) {
        String x = singleString(a);
        String y = singleString(b);
        if (x == null || y == null) return super.compare(a, b);
        int first = modifiedUtf8Length(x);
        int second = modifiedUtf8Length(y);
        if (first > 0xFFFF || second > 0xFFFF) return super.compare(a, b);
        // The serializations are equal up to the string's two length bytes, and equal after its bytes.
        if (first != second) return first < second ? -1 : 1;
        // Bytes compared one by one order as the characters they encode do, but for NUL: it is written as two bytes
        // (C0 80), after every one-byte character and before every longer one. UTF-8 has no encoding that is the
        // start of another, so the first different character decides, without encoding either string.
        for (int i = 0; i < Math.min(x.length(), y.length()); i++) {
            char p = x.charAt(i);
            char q = y.charAt(i);
            if (p != q) return rank(p) < rank(q) ? -1 : 1;
        }
        return 0;
    }

    @Override
    public void write(WriteBuffer buffer, Object key) {
        String text = singleString(key);
        if (text == null) {
            super.write(buffer, key);
            return;
        }
        buffer.put(ONE_STRING).putVarInt(text.length()).putStringData(text, text.length());
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != ONE_STRING) return super.read(buffer);
        buffer.get();
        return new KeyValue(DataUtils.readString(buffer));
    }

    private static int rank(char c) {
        return c == 0 ? 0x7F * 2 + 1 : c * 2;
    }

    /** The length of what {@code DataOutput.writeUTF} writes after the length, above 0xFFFF for a long string. */
    private static int modifiedUtf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return length;
    }

    private static String singleString(Object key) {
        if (key instanceof KeyValue value && value.size() == 1 && value.get(0) instanceof String text
                && !text.equals(FIELD_TYPE)) {
            return text;
        }
        return null;
    }
}
