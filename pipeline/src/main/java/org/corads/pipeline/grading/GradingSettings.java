package org.corads.pipeline.grading;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Grading on arrival ({@code corads.grading.*}, each also from the environment: {@code CORADS_GRADING_MODEL},
 * {@code CORADS_GRADING_POLL_SECONDS}, {@code CORADS_GRADING_SERIES_QUIET_SECONDS},
 * {@code CORADS_GRADING_CONCURRENCY}, …). Without a model, {@code serve} runs the API only.
 */
@ConfigMapping(prefix = "corads.grading")
public interface GradingSettings {

    /** The deployed ensemble: {@code s3://models/<study>/<arm>/} or a local folder holding {@code ensemble.json}. */
    Optional<String> model();

    /** Seconds between polls of the scans bucket; 0 turns polling off (notifications only). */
    @WithDefault("10")
    int pollSeconds();

    /** A DICOM series is graded once no object has arrived under its prefix for this long. */
    @WithDefault("10")
    int seriesQuietSeconds();

    /** Scans graded at once. */
    @WithDefault("1")
    int concurrency();

    /** Scans waiting in memory; more wait durably as claims and are picked up as room frees. */
    @WithDefault("32")
    int queueSize();

    /** Attempts after an internal failure before a scan's result is written as failed. */
    @WithDefault("2")
    int maxRedeliveries();

    /** Seconds between sweeps for claims not yet graded (after a restart, or when the queue was full). */
    @WithDefault("5")
    int sweepSeconds();

    /** Key prefixes of the scans bucket that are not scans to grade (study cohorts live there). */
    @WithDefault("synthetic/")
    List<String> ignorePrefixes();
}
