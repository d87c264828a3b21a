package dev.visualsearch.common;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Runs the service with an admin token configured, as production does. */
public class AdminTokenProfile implements QuarkusTestProfile {

    public static final String TOKEN = "test-admin-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("app.security.admin-token", TOKEN);
    }
}
