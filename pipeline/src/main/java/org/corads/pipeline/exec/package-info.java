/**
 * Running one step: the {@code StepExecutor} interface and its in-process implementation, the step cache (the
 * one owner of the storage layout of results, sidecars, specs, runs and quarantine), outcomes and provenance.
 *
 * <p>May use: {@code pipeline.steps}, {@code pipeline.storage} and the {@code steps} library.
 */
package org.corads.pipeline.exec;
