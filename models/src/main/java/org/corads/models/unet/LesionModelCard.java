package org.corads.models.unet;

import java.util.List;

/**
 * {@code model.json} of a lesion U-Net: architecture, training configuration (with seed), best iteration and
 * validation Dice, the validation curve, and the digest of the training data.
 */
public record LesionModelCard(String architecture, LesionTrainer.Config training, int bestIteration, double bestValDice,
        List<LesionTrainer.Point> curve, String dataDigest, int trainCases, int validationCases) {}
