package dev.visualsearch.common.web;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a heavy route (a forward pass, a heatmap) whose requests count against the client's rate limit
 * ({@link RateLimitFilter}); over it the client gets 429 with {@code Retry-After}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RateLimited {
}
