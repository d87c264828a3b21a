package dev.visualsearch.embedding;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: down while the model is refused by its self-check (searches would get 503); up otherwise,
 * with the self-check's result and the oneDNN cap, so an operator sees when the service healed itself by a restart
 * with the cap. The model loads on first use, so "not loaded yet" is ready.
 */
@Readiness
@ApplicationScoped
class ModelReadiness implements HealthCheck {

    private final ActiveModel model;

    ModelReadiness(ActiveModel model) {
        this.model = model;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("embedding-model")
                .withData("model", model.id())
                .withData("oneDnnCap", OneDnnCap.describe());
        var refusal = model.refusal();
        if (refusal.isPresent()) {
            return response.down().withData("selfCheck", "failed: " + refusal.get()).build();
        }
        double cosine = model.selfCheckCosine();
        String selfCheck = !model.loaded() ? "not loaded yet (the model loads on first use)"
                : Double.isNaN(cosine) ? "not checked (no reference for this model)"
                : String.format(Locale.ROOT, "passed: probe at cosine %.6f to its reference", cosine);
        return response.up().withData("selfCheck", selfCheck).build();
    }
}
