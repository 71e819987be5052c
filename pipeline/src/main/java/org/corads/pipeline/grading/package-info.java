/**
 * Grading on arrival: bucket notifications (MinIO and AWS formats) and polling turn new scan objects into scan
 * versions; a durable claim per version (a conditional PUT) makes grading happen once; the per-scan plan (gate,
 * preprocessing, lesion map, ensemble, montage) runs through the cached steps; one result per version is written
 * beside the scan's key in the results bucket. Deployed ensembles are described by {@code ensemble.json}.
 *
 * <p>May use: {@code pipeline.dag}, {@code pipeline.exec}, {@code pipeline.steps}, {@code pipeline.storage},
 * {@code pipeline.study} (the study's typed choices) and the {@code steps} library; never the CLI or the API.
 */
package org.corads.pipeline.grading;
