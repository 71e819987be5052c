/**
 * The ablation study: its YAML definition with the paper's defaults and typed choices, the planner that turns
 * it into one DAG, and the runner that resolves its data, runs, reruns and publishes it.
 *
 * <p>May use: {@code pipeline.dag}, {@code pipeline.exec}, {@code pipeline.steps}, {@code pipeline.storage},
 * {@code datasets} and {@code models}.
 */
package org.corads.pipeline.study;
