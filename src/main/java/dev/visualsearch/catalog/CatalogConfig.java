package dev.visualsearch.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "app.catalog")
public interface CatalogConfig {

    /** Seed the sample catalogue into an empty database on start-up. */
    @WithDefault("true")
    boolean seed();

    /** Folder holding the sample catalogue ({@code catalog.csv} and {@code images/}). */
    @WithDefault("data/sample")
    String sampleDir();

    /** Largest page a product listing may ask for. */
    @WithDefault("200")
    int maxPageSize();

    @WithName("import")
    Import importing();

    interface Import {

        /** Largest accepted zip upload in bytes (413 above). */
        @WithDefault("268435456")
        long maxArchiveBytes();

        /** Most entries a zip may hold (422 above): a guard against zip bombs made of many tiny files. */
        @WithDefault("20000")
        int maxEntries();

        /** Most bytes all entries may inflate to, counted while reading (zip bombs stop here). */
        @WithDefault("1073741824")
        long maxUncompressedBytes();
    }
}
