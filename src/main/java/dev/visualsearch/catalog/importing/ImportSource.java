package dev.visualsearch.catalog.importing;

import java.io.Closeable;
import java.util.List;
import java.util.Optional;

/** Where an import reads its files from: an uploaded zip or the sample folder. Names are labels, never paths. */
interface ImportSource extends Closeable {

    /** The file names in the source, in a stable order, without folders and without the manifest. */
    List<String> names();

    /** The bytes of one file, bounded by the source's limits. */
    byte[] read(String name) throws java.io.IOException;

    /** The bytes of {@code manifest.csv}, if the source has one. */
    Optional<byte[]> manifest() throws java.io.IOException;
}
