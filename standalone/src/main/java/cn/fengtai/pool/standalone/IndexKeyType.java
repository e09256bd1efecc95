package cn.fengtai.pool.standalone;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The order of the embedded server's unique index keys, as mongo-java-server's H2 backend stores them, without the cost.
 * The backend keeps index keys with H2's {@link ObjectDataType}, which orders objects it does not know (the backend's
 * {@link KeyValue}) by comparing their Java serializations byte by byte: every step of every index lookup serialized
 * both keys, half the embedded server's time in a rebuild (docs/benchmarks.md). Almost every key here is one string (a
 * document's {@code _id}); for two such keys this compares what their serializations differ in, the string's
 * modified UTF-8 length and then its bytes, so the order is the very order of the files written before. Every other
 * key is compared as before, and keys are written and read as before.
 */
final class IndexKeyType extends ObjectDataType {

    /** The one string the serialization of a key writes before the key's own: KeyValue's field type. */
    private static final String FIELD_TYPE = "Ljava/util/List;";

    @Override
    public int compare(Object a, Object b) {
        String x = singleString(a);
        String y = singleString(b);
        if (x == null || y == null) return super.compare(a, b);
        byte[] first = modifiedUtf8(x);
        byte[] second = modifiedUtf8(y);
        if (first == null || second == null) return super.compare(a, b);
        // The serializations are equal up to the string's two length bytes, and equal after its bytes.
        if (first.length != second.length) return first.length < second.length ? -1 : 1;
        for (int i = 0; i < first.length; i++) {
            int p = first[i] & 0xFF;
            int q = second[i] & 0xFF;
            if (p != q) return p < q ? -1 : 1;
        }
        return 0;
    }

    private static String singleString(Object key) {
        if (key instanceof KeyValue value && value.size() == 1 && value.get(0) instanceof String text
                && !text.equals(FIELD_TYPE)) {
            return text;
        }
        return null;
    }

    /** The bytes {@code DataOutput.writeUTF} writes after the length, or null where it would write a long string. */
    private static byte[] modifiedUtf8(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        if (length > 0xFFFF) return null;
        byte[] bytes = new byte[length];
        int at = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                bytes[at++] = (byte) c;
            } else if (c <= 0x07FF) {
                bytes[at++] = (byte) (0xC0 | (c >> 6));
                bytes[at++] = (byte) (0x80 | (c & 0x3F));
            } else {
                bytes[at++] = (byte) (0xE0 | (c >> 12));
                bytes[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return bytes;
    }
}
