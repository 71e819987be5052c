/**
 * The input gate (SPEC §1): the checks a scan must pass before any work, and its typed result.
 *
 * <p>May use: {@code steps.io} and {@code steps.volume}.
 */
package org.corads.steps.gate;
