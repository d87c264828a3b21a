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
 * -- version 2 adds the search depth the index was tuned to (see SearchDepthTuner):
 * bool   depth present
 * UTF    depth parameter     "efSearch", "nprobe" or "" (none)
 * int    depth value         -1: none
 * double target recall@10, double measured recall@10
 * int    queries measured, int vectors when measured
 * UTF    catalogue           the id of the catalogue (database) the index was built from, "" unknown
 * </pre>
 */
public record IndexFileHeader(int version, IndexDescriptor descriptor, long count, SearchDepth depth,
                              String catalogue) {

    public static final int CURRENT_VERSION = 2;
    private static final byte[] MAGIC = {'V', 'P', 'S', 'I', 'D', 'X', 0, 1};

    public static IndexFileHeader current(IndexDescriptor descriptor, long count) {
        return current(descriptor, count, null, null);
    }

    /** A header of the current version; {@code depth} (not measured) and {@code catalogue} (unknown) may be null. */
    public static IndexFileHeader current(IndexDescriptor descriptor, long count, SearchDepth depth,
                                          String catalogue) {
        return new IndexFileHeader(CURRENT_VERSION, descriptor, count, depth, catalogue);
    }

    public void write(DataOutputStream out) throws IOException {
        out.write(MAGIC);
        out.writeInt(version);
        out.writeUTF(descriptor.backend());
        out.writeUTF(descriptor.modelId());
        out.writeInt(descriptor.dimension());
        out.writeUTF(descriptor.metric());
        out.writeLong(count);
        if (version >= 2) {
            out.writeBoolean(depth != null);
            if (depth != null) {
                out.writeUTF(depth.parameter() == null ? "" : depth.parameter());
                out.writeInt(depth.value() == null ? -1 : depth.value());
                out.writeDouble(depth.targetRecall());
                out.writeDouble(depth.measuredRecall());
                out.writeInt(depth.queries());
                out.writeInt(depth.vectors());
            }
            out.writeUTF(catalogue == null ? "" : catalogue);
        }
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
        long count = in.readLong();
        SearchDepth depth = null;
        String catalogue = null;
        if (version >= 2) {
            if (in.readBoolean()) {
                String parameter = in.readUTF();
                int value = in.readInt();
                depth = new SearchDepth(parameter.isEmpty() ? null : parameter, value < 0 ? null : value,
                        in.readDouble(), in.readDouble(), in.readInt(), in.readInt());
            }
            String id = in.readUTF();
            catalogue = id.isEmpty() ? null : id;
        }
        return new IndexFileHeader(version, descriptor, count, depth, catalogue);
    }
}
