package dev.visualsearch.catalog;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * The 201 body of an upload: the Product as every other route shows it, plus {@code nearDuplicates}, the existing
 * products it looks like (empty when none), so that the merchandiser is warned without the upload being refused.
 */
public record CreatedProduct(@JsonUnwrapped ProductView product, List<NearDuplicate> nearDuplicates) {
}
