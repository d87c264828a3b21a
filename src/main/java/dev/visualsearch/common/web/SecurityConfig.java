package dev.visualsearch.common.web;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "app.security")
public interface SecurityConfig {

    /** Bearer token required by admin routes; unset means admin routes are open (development only). */
    Optional<String> adminToken();
}
