/**
 * Plans of steps and their execution: {@code RunPlan} (a DAG of steps), the DAG runner that resolves inputs,
 * dispatches ready steps and records the run document, and the preprocessing chain of one scan as a plan.
 *
 * <p>May use: {@code pipeline.exec}, {@code pipeline.steps}, {@code pipeline.storage}; never the CLI or the API.
 */
package org.corads.pipeline.dag;
