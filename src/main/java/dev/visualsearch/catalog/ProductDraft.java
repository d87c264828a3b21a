package dev.visualsearch.catalog;

import dev.visualsearch.common.error.ApiProblem;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The user-supplied fields of a new product, checked once here for both uploads and imports.
 * {@code sku} may be null: one is derived from the image hash.
 */
public record ProductDraft(String title, String category, String sku, BigDecimal price) {

    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public static ProductDraft of(String title, String category, String sku, String price) {
        String cleanTitle = trimToNull(title);
        String cleanCategory = trimToNull(category);
        String cleanSku = trimToNull(sku);
        if (cleanTitle == null) {
            throw ApiProblem.badRequest("A title is required");
        }
        if (cleanTitle.length() > 300) {
            throw ApiProblem.badRequest("The title is longer than 300 characters");
        }
        if (cleanCategory == null) {
            throw ApiProblem.badRequest("A category is required");
        }
        if (cleanCategory.length() > 100) {
            throw ApiProblem.badRequest("The category is longer than 100 characters");
        }
        if (cleanSku != null && !SKU.matcher(cleanSku).matches()) {
            throw ApiProblem.badRequest("The SKU must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return new ProductDraft(cleanTitle, cleanCategory, cleanSku, parsePrice(price));
    }

    private static BigDecimal parsePrice(String price) {
        String text = trimToNull(price);
        if (text == null) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() < 0 || value.scale() > 2 || value.precision() - value.scale() > 10) {
                throw ApiProblem.badRequest("The price must be a non-negative amount with at most two decimals");
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("The price '" + text + "' is not a number");
        }
    }

    private static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
