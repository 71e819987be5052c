/**
 * The evaluation report: tables, ROC/CI/confusion plots (JFreeChart, SVG) and the HTML page.
 *
 * <p>May use: {@code steps.eval}, JFreeChart and the JDK.
 */
package org.corads.steps.report;
