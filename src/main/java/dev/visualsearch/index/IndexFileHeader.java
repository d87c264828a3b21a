package dev.visualsearch.index;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The header every index file starts with: magic, format version, then what the index holds. Readers refuse files
 * of a newer version and convert older ones; each format change adds a version and a test reading the old one.
 *
 * <pre>
 * bytes  "VPSIDX\0\1"        magic (8 bytes)
 * int    format version      1
 * UTF    backend             e.g. "exact", "faiss:HNSW32"
 * UTF    model id
 * int    dimension
 * UTF    metric              "cosine"
 * long   vector count
 * </pre>
 */
public record IndexFileHeader(int version, IndexDescriptor descriptor, long count) {

    public static final int CURRENT_VERSION = 1;
    private static final byte[] MAGIC = {'V', 'P', 'S', 'I', 'D', 'X', 0, 1};

    public static IndexFileHeader current(IndexDescriptor descriptor, long count) {
        return new IndexFileHeader(CURRENT_VERSION, descriptor, count);
    }

    public void write(DataOutputStream out) throws IOException {
        out.write(MAGIC);
        out.writeInt(version);
        out.writeUTF(descriptor.backend());
        out.writeUTF(descriptor.modelId());
        out.writeInt(descriptor.dimension());
        out.writeUTF(descriptor.metric());
        out.writeLong(count);
    }

    public static IndexFileHeader read(DataInputStream in) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("Not an index file (bad magic)");
        }
        int version = in.readInt();
        if (version < 1 || version > CURRENT_VERSION) {
            throw new IOException("Index file format version " + version + " is not supported (this build reads 1.."
                    + CURRENT_VERSION + ")");
        }
        IndexDescriptor descriptor = new IndexDescriptor(in.readUTF(), in.readUTF(), in.readInt(), in.readUTF());
        return new IndexFileHeader(version, descriptor, in.readLong());
    }
}
