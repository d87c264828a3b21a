package dev.visualsearch.text;

import dev.visualsearch.embedding.Vectors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Text vectors per product and text model (V10), in plain SQL like the image vectors. */
@ApplicationScoped
public class TextVectorRepository {

    /** A stored text vector with the category the index filters by. */
    public record StoredText(long productId, String category, float[] vector) {
    }

    public Uni<Void> upsertAll(String modelId, List<ProductText> texts, List<float[]> vectors) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (int i = 0; i < texts.size(); i++) {
                ProductText text = texts.get(i);
                float[] vector = vectors.get(i);
                chain = chain.chain(() -> session.createNativeQuery(
                                "insert into text_embedding (product_id, model_id, dim, vector) "
                                        + "select ?1, ?2, ?3, ?4 where exists (select 1 from product where id = ?1) "
                                        + "on conflict (product_id, model_id) do update "
                                        + "set dim = excluded.dim, vector = excluded.vector, created_at = now()")
                        .setParameter(1, text.productId()).setParameter(2, modelId)
                        .setParameter(3, vector.length).setParameter(4, Vectors.toBytes(vector)).executeUpdate());
            }
            return chain;
        })).replaceWithVoid();
    }

    /** Up to {@code limit} products without a text vector for the model, oldest first. */
    public Uni<List<ProductText>> missing(String modelId, int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select p.id, p.title, p.category from product p where not exists (select 1 from "
                                + "text_embedding t where t.product_id = p.id and t.model_id = ?1) "
                                + "order by p.id limit ?2", Object[].class)
                .setParameter(1, modelId).setParameter(2, limit).getResultList()))
                .map(rows -> rows.stream().map(row -> ProductText.of(((Number) row[0]).longValue(), (String) row[1],
                        (String) row[2])).toList());
    }

    public Uni<Long> countMissing(String modelId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from product p where not exists (select 1 from text_embedding t "
                                + "where t.product_id = p.id and t.model_id = ?1)", Long.class)
                .setParameter(1, modelId).getSingleResult()));
    }

    /** Every text vector of the model, with its product's category. */
    public Uni<List<StoredText>> all(String modelId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select t.product_id, p.category, t.vector from text_embedding t join product p "
                                + "on p.id = t.product_id where t.model_id = ?1", Object[].class)
                .setParameter(1, modelId).getResultList()))
                .map(rows -> {
                    List<StoredText> found = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        found.add(new StoredText(((Number) row[0]).longValue(), (String) row[1],
                                Vectors.fromBytes((byte[]) row[2])));
                    }
                    return found;
                });
    }
}
