package org.corads.steps.core;

/**
 * How much work one step has to do, for time estimates: a cost class and a number of units in it. Steps of one class
 * take time in proportion to their units, so a run that has measured some of them can estimate the rest.
 *
 * @param kind  the cost class: the step's name, or a finer one where the same step costs differently ({@code
 *                  train-3d}, {@code train-2d})
 * @param units work within the class (one scan; iterations × batch × width²; …), &gt; 0
 */
public record Work(String kind, double units) {
    public Work {
        if (!(units > 0)) {
            throw new IllegalArgumentException("work units must be > 0, got " + units);
        }
    }
}
