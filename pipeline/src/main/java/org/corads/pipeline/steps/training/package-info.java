/**
 * Training steps: {@code dataset} (all cases in one packed file), {@code pretrain} (the proxy task) and
 * {@code train} (one arm, one seed), with their shared parameters.
 *
 * <p>May use: {@code models.train}, {@code models.transfer}, {@code datasets} and the {@code steps} library.
 */
package org.corads.pipeline.steps.training;
