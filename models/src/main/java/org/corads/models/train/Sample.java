package org.corads.models.train;

/**
 * One training or validation case held in memory.
 *
 * @param id    scan id
 * @param data  {@code C × D × H × W} values
 * @param grade CO-RADS grade 1–5
 */
public record Sample(String id, float[] data, int grade) {
}
