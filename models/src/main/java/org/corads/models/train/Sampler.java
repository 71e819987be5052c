package org.corads.models.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Draws training batches with inverse-frequency class weights: every grade is equally likely. */
final class Sampler {
    private final List<List<Sample>> byGrade = new ArrayList<>();

    Sampler(List<Sample> train) {
        for (int g = 1; g <= 5; g++) {
            int grade = g;
            List<Sample> l = train.stream().filter(s -> s.grade() == grade).toList();
            if (!l.isEmpty()) {
                byGrade.add(l);
            }
        }
    }

    List<Sample> draw(int n, SplittableRandom r) {
        List<Sample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Sample> g = byGrade.get(r.nextInt(byGrade.size()));
            out.add(g.get(r.nextInt(g.size())));
        }
        return out;
    }
}
