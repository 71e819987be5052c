package org.corads.steps.eval;

/**
 * One row of a predictions CSV.
 *
 * @param row              line number in the file (header = 1)
 * @param scanId           scan
 * @param patientId        patient (bootstrap resamples patients)
 * @param label            reference label in its label system
 * @param model            model or arm name; {@code name#member} marks an ensemble member
 * @param score            model output in [0, 1]
 * @param grade            predicted CO-RADS grade when given, else {@code round(4·score) + 1}
 * @param sliceThicknessMm slice thickness for subgroup analysis, or null
 */
public record Prediction(int row, String scanId, String patientId, String label, String model, double score, int grade,
        Double sliceThicknessMm) {

    /** {@code round(4 · score) + 1}, halves up. */
    public static int gradeOf(double score) {
        return (int) Math.floor(4 * score + 0.5) + 1;
    }
}
