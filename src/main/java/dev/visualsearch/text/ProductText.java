package dev.visualsearch.text;

/**
 * What the text model reads for a product: its title and category. Titles alone miss the shopper who types the
 * category ("a drink"); the category alone cannot tell products apart.
 */
public record ProductText(long productId, String category, String text) {

    public static ProductText of(long productId, String title, String category) {
        String words = title == null ? "" : title.strip();
        if (category != null && !category.isBlank()) {
            words = words.isEmpty() ? category.strip() : words + " (" + category.strip() + ")";
        }
        return new ProductText(productId, category, words);
    }
}
