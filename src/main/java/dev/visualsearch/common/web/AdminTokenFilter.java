package dev.visualsearch.common.web;

import dev.visualsearch.common.error.ProblemDetail;
import dev.visualsearch.common.error.ProblemMappers;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Rejects {@link AdminOnly} requests whose bearer token is missing or wrong. A token is always required unless
 * {@code app.security.open-admin-routes=true} opened the routes (see {@link AdminAccess}).
 */
@Provider
@AdminOnly
public class AdminTokenFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    /** Looked up per request: providers are created before config mappings are ready. */
    private final Instance<AdminAccess> access;

    public AdminTokenFilter(Instance<AdminAccess> access) {
        this.access = access;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        AdminAccess admin = access.get();
        String expected = admin.requiredToken().orElse(null);
        if (expected == null) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String detail;
        if (header == null || !header.startsWith(BEARER)) {
            detail = "This route needs an admin token: send 'Authorization: Bearer <token>'"
                    + (admin.tokenInDataFolder() ? " (the service generated one at its first start: see the file "
                    + AdminTokenSource.FILE_NAME + " in its data folder)" : "");
        } else if (!constantTimeEquals(header.substring(BEARER.length()).trim(), expected)) {
            detail = "The admin token is wrong";
        } else {
            return;
        }
        request.abortWith(ProblemMappers.respond(ProblemDetail.of(401, "Unauthorized", detail,
                request.getUriInfo().getPath())));
    }

    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
