/**
 * DICOM Part 10 reading: data elements, transfer syntaxes, series assembly and their checks.
 *
 * <p>May use: {@code steps.io} and {@code steps.volume}.
 */
package org.corads.steps.io.dicom;
