package cn.fengtai.pool.standalone;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The embedded server's BSON encoding of a stored document, byte for byte, without its detours: the library writes
 * an array by building a document keyed "0", "1", … (a map, a string and two hash computations per element), looks
 * every field up again by name, and reads an array back as such a document first. The store encodes every document of
 * every page it writes: that was half of its writer's time in a rebuild, and a sixth less with this (JFR, 300,000
 * events). Scalars are left to the library's encoder and decoder.
 */
final class DocumentBson {

    private DocumentBson() {
    }

    static void write(Map<String, ?> document, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        for (Map.Entry<String, ?> field : document.entrySet()) {
            value(field.getKey(), field.getValue(), out);
        }
        end(start, out);
    }

    private static void array(Collection<?> elements, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        int index = 0;
        for (Object element : elements) {
            value(index < INDEXES.length ? INDEXES[index] : Integer.toString(index), element, out);
            index++;
        }
        end(start, out);
    }

    @SuppressWarnings("unchecked")
    private static void value(String name, Object value, ByteBuf out) {
        byte type = BsonEncoder.determineType(value);
        out.writeByte(type);
        cString(name, out);
        switch (type) {
            case BsonConstants.TYPE_EMBEDDED_DOCUMENT -> write((Map<String, ?>) value, out);
            case BsonConstants.TYPE_ARRAY -> array((Collection<?>) value, out);
            case BsonConstants.TYPE_UTF8_STRING -> string(value.toString(), out);
            default -> BsonEncoder.encodeValue(type, value, out);
        }
    }

    private static void string(String text, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        int length = utf8(text, out);
        out.writeByte(BsonConstants.STRING_TERMINATION);
        out.setIntLE(start, length + 1);
    }

    private static void cString(String text, ByteBuf out) {
        utf8(text, out);
        out.writeByte(BsonConstants.STRING_TERMINATION);
    }

    /**
     * Java's UTF-8, as the library writes it; ASCII, most names and codes, without the copy. (Netty's own UTF-8 writer
     * differs from Java's on a lone surrogate.)
     */
    private static int utf8(String text, ByteBuf out) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(bytes);
                return bytes.length;
            }
        }
        return out.writeCharSequence(text, StandardCharsets.US_ASCII);
    }

    private static void end(int start, ByteBuf out) {
        out.writeByte(BsonConstants.TERMINATING_BYTE);
        out.setIntLE(start, out.writerIndex() - start);
    }

    /** The library's decoding of a stored document, with arrays read as lists directly (not as documents first). */
    static Document read(ByteBuf in) {
        int end = in.readerIndex() + in.readIntLE() - 1;
        Document document = new Document();
        while (in.readerIndex() < end) {
            byte type = in.readByte();
            String name = BsonDecoder.decodeCString(in);
            if (document.put(name, value(type, in)) != null) {
                throw new IllegalArgumentException("Document already contains field '" + name + "'");
            }
        }
        terminated(in);
        return document;
    }

    private static List<Object> readArray(ByteBuf in) {
        int end = in.readerIndex() + in.readIntLE() - 1;
        List<Object> array = new ArrayList<>();
        while (in.readerIndex() < end) {
            byte type = in.readByte();
            in.skipBytes(in.bytesBefore(BsonConstants.STRING_TERMINATION) + 1);
            array.add(value(type, in));
        }
        terminated(in);
        return array;
    }

    private static Object value(byte type, ByteBuf in) {
        return switch (type) {
            case BsonConstants.TYPE_EMBEDDED_DOCUMENT -> read(in);
            case BsonConstants.TYPE_ARRAY -> readArray(in);
            default -> BsonDecoder.decodeValue(type, in);
        };
    }

    private static void terminated(ByteBuf in) {
        if (in.readByte() != BsonConstants.TERMINATING_BYTE) {
            throw new IllegalArgumentException("illegal BSON object: terminating byte not found");
        }
    }

    private static final String[] INDEXES = new String[64];

    static {
        for (int i = 0; i < INDEXES.length; i++) INDEXES[i] = Integer.toString(i);
    }
}
