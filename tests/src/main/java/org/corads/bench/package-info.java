/**
 * Benchmarks and quality runs (commands in the README): read, preprocess, bootstrap, training and lesion
 * quality. They report numbers; they assert nothing about time.
 *
 * <p>May use: every module.
 */
package org.corads.bench;
