package dev.visualsearch.catalog;

import dev.visualsearch.common.error.ApiProblem;

/** 409: the uploaded image's content is already in the catalogue; imports count these as skipped, not failed. */
public class DuplicateImageException extends ApiProblem {

    public DuplicateImageException(Product existing) {
        super(409, "Conflict", "This image is already in the catalogue as product " + existing.id
                + " (" + existing.title + ")");
        with("existingProductId", existing.id);
    }
}
