package dev.visualsearch.catalog;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Used only when no feature above the catalogue implements {@link LookAlikes}: nothing is ever reported. */
@DefaultBean
@ApplicationScoped
public class NoLookAlikes implements LookAlikes {

    @Override
    public List<LookAlike> of(long productId) {
        return List.of();
    }

    @Override
    public double threshold() {
        return 1;
    }
}
