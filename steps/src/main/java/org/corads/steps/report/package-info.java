/**
 * Pictures and reports a person opens: the evaluation report (tables, ROC/CI/confusion plots with JFreeChart and SVG,
 * the HTML page), the preprocessing montage and the grading montage.
 *
 * <p>May use: {@code steps.eval}, {@code steps.preprocess} (lung measures), {@code steps.volume}, {@code steps.io},
 * JFreeChart and the JDK.
 */
package org.corads.steps.report;
