package cn.fengtai.pool.standalone;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * How the embedded server stores a collection's documents in its H2 maps: as BSON, the form they arrive and leave in
 * over the wire, instead of the plain backend's Java serialization. Every page the store writes or reads back
 * serializes every document on it; with Java serialization that took a sixth of a rebuild's CPU (docs/benchmarks.md).
 * <p>
 * Documents written by the plain backend (earlier data folders) are still read: their first byte is the serialized
 * type's tag, and ours is a tag that type never writes. The other way round does not work: the plain backend, or an
 * earlier version of this application, refuses a map holding BSON documents ("Unsupported type -66"); the read models can then be
 * rebuilt from the events (README).
 */
final class DocumentType extends BasicDataType<Document> {

    /** A tag {@link ObjectDataType} never writes (its tags are 0 to 127). */
    static final byte BSON = -66;

    private final ObjectDataType earlier = new ObjectDataType();
    private volatile int averageSize = 1_000;

    @Override
    public int getMemory(Document document) {
        return averageSize;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson = Unpooled.buffer(averageSize);
        DocumentBson.write(document, bson);
        int length = bson.readableBytes();
        // In memory a document takes about twice its encoded size: the same estimate the serialized type makes.
        averageSize = (int) ((2L * length + 15L * averageSize) / 16);
        buffer.put(BSON).putVarInt(length).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return (Document) earlier.read(buffer);
        }
        buffer.get();
        int length = DataUtils.readVarInt(buffer);
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice(buffer.position(), length));
        buffer.position(buffer.position() + length);
        return DocumentBson.read(bson);
    }

    /** Values are only compared for equality (a map's replace or remove of a given value). */
    @Override
    public int compare(Document a, Document b) {
        return a.equals(b) ? 0 : 1;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
