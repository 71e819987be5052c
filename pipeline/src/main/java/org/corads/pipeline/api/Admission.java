package org.corads.pipeline.api;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.corads.pipeline.study.StudyDefinition;
import org.corads.pipeline.study.StudyFootprint;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The limits a submitted study must keep before it is queued ({@code corads.admission.*}): scans, models,
 * iterations, width, and the estimated memory ({@link StudyFootprint}; by default this server's own heap) and
 * disk. A study over any of them is refused with one line naming each limit it breaks and the setting that raises
 * it; a full queue is refused too.
 */
@ApplicationScoped
public class Admission {

    @ConfigProperty(name = "corads.admission.max-scans", defaultValue = "5000")
    int maxScans;

    @ConfigProperty(name = "corads.admission.max-models", defaultValue = "100")
    int maxModels;

    @ConfigProperty(name = "corads.admission.max-iterations", defaultValue = "30000")
    int maxIterations;

    @ConfigProperty(name = "corads.admission.max-width", defaultValue = "1.0")
    double maxWidth;

    @ConfigProperty(name = "corads.admission.max-memory")
    Optional<MemorySize> maxMemory;

    @ConfigProperty(name = "corads.admission.max-disk", defaultValue = "500G")
    MemorySize maxDisk;

    @ConfigProperty(name = "corads.admission.max-queued", defaultValue = "20")
    int maxQueued;

    /** Why {@code s} may not be queued here, or empty when it may. */
    public Optional<String> refusal(StudyDefinition s, int manifestScans) {
        StudyFootprint f = StudyFootprint.of(s, manifestScans);
        List<String> over = new ArrayList<>();
        if (f.scans() > maxScans) {
            over.add(f.scans() + " scans > " + maxScans + " (corads.admission.max-scans)");
        }
        if (f.models() > maxModels) {
            over.add(f.models() + " models (seeds × arms) > " + maxModels + " (corads.admission.max-models)");
        }
        if (f.maxIterations() > maxIterations) {
            over.add(f.maxIterations() + " iterations > " + maxIterations + " (corads.admission.max-iterations)");
        }
        if (f.maxWidth() > maxWidth) {
            over.add("width " + f.maxWidth() + " > " + maxWidth + " (corads.admission.max-width)");
        }
        long memory = maxMemory.map(MemorySize::asLongValue).orElse(Runtime.getRuntime().maxMemory());
        if (f.memoryBytes() > memory) {
            over.add("estimated memory " + gib(f.memoryBytes()) + " > " + gib(memory) + " (corads.admission.max-memory,"
                    + " default this server's heap)");
        }
        if (f.diskBytes() > maxDisk.asLongValue()) {
            over.add("estimated disk " + gib(f.diskBytes()) + " > " + gib(maxDisk.asLongValue())
                    + " (corads.admission.max-disk)");
        }
        return over.isEmpty()
                ? Optional.empty()
                : Optional.of("study '" + s.name() + "' exceeds this server's limits: " + String.join("; ", over));
    }

    /** Why one more study may not be queued behind {@code queued} others, or empty. */
    public Optional<String> queueRefusal(int queued) {
        return queued >= maxQueued
                ? Optional.of(queued + " studies are queued already (corads.admission.max-queued); try again later")
                : Optional.empty();
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
