package dev.visualsearch.catalog;

/** A category and how many products it holds. */
public record CategoryCount(String name, long count) {
}
