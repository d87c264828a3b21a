package dev.visualsearch.index.opensearch;

import java.util.Optional;
import java.util.OptionalInt;

/** The product fields an OpenSearch document carries beside its vector, looked up when the document is written. */
public interface DocumentFacts {

    Optional<String> category(long productId);

    OptionalInt cluster(long productId);
}
