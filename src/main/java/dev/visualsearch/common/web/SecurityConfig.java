package dev.visualsearch.common.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

@ConfigMapping(prefix = "app.security")
public interface SecurityConfig {

    /**
     * Bearer token required by admin routes. Unset: the service generates one at first start and keeps it in
     * {@code ${app.data-dir}/admin-token} (owner-readable only), unless {@link #openAdminRoutes()} is on.
     */
    Optional<String> adminToken();

    /**
     * Lets anyone call the admin routes without a token when no token is configured. Off by default; the dev and
     * test profiles turn it on. A warning is logged at every start while it is on.
     */
    @WithDefault("false")
    boolean openAdminRoutes();
}
