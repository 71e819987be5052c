/**
 * The command line (picocli): each command parses its arguments, calls one method of the pipeline and prints
 * the result; exit codes 0 success, 2 bad input, 1 internal failure.
 *
 * <p>May use: every other package; holds no logic of its own beyond argument checks and printing.
 */
package org.corads.pipeline.cli;
