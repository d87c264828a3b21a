package dev.visualsearch.cluster;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A profile of its own, so the service restarts on a freshly cleaned database for tests that need one. */
public class FreshCatalogueProfile implements QuarkusTestProfile {
}
