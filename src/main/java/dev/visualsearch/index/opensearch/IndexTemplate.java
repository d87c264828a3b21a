package dev.visualsearch.index.opensearch;

import java.io.IOException;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * The index template {@code <alias>} for every physical index {@code <alias>-*}: k-NN on, shards and replicas from
 * the configuration, and the document shape. The engine is Lucene: it ships inside OpenSearch's k-NN plugin on
 * every platform, where the plugin's FAISS engine needs native libraries that some distributions lack.
 */
final class IndexTemplate {

    private IndexTemplate() {
    }

    static void put(OpenSearchClient client, OpenSearchConfig config, int dimension) throws IOException {
        client.indices().putIndexTemplate(t -> t.name(config.alias()).indexPatterns(config.alias() + "-*")
                .template(tm -> tm
                        .settings(s -> s.knn(true).numberOfShards(config.shards())
                                .numberOfReplicas(config.replicas()))
                        .mappings(m -> m
                                .properties("product_id", p -> p.long_(l -> l))
                                .properties("category", p -> p.keyword(k -> k))
                                .properties("cluster", p -> p.integer(i -> i))
                                .properties("model_id", p -> p.keyword(k -> k))
                                .properties("vector", p -> p.knnVector(v -> v.dimension(dimension)
                                        .spaceType("cosinesimil")
                                        .method(method -> method.name("hnsw").engine("lucene")
                                                .parameters("m", JsonData.of(config.m()))
                                                .parameters("ef_construction",
                                                        JsonData.of(config.efConstruction()))))))));
    }
}
