/**
 * Camel routes: one per stage ({@code direct:<step>}) and the DAG runner's; they hold no computation.
 *
 * <p>May use: {@code pipeline.exec}, {@code pipeline.dag}, {@code pipeline.steps}.
 */
package org.corads.pipeline.routes;
