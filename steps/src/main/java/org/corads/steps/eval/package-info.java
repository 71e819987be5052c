/**
 * Evaluation statistics: QWK, tie-exact AUC, ROC, patient-clustered paired bootstrap, label systems and the
 * predictions CSV.
 *
 * <p>May use: Jackson (CSV, JSON), the JDK and {@code steps.io} (bad-input errors).
 */
package org.corads.steps.eval;
