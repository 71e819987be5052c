package org.corads.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each sanity check: quiet on sensible input, one line naming the problem otherwise. */
class SanityTest {

    @Test
    void aLesionMapOutsideZeroToOneOrMarkingMostOfTheVolumeIsNotPlausible() {
        float[] lesions = new float[1000];
        Arrays.fill(lesions, 0, 80, 0.5f);
        assertThat(Sanity.lesionMap(lesions)).isEmpty();
        float[] ct = new float[1000];
        Arrays.fill(ct, 0.4f); // a normalised CT: every voxel above zero
        assertThat(Sanity.lesionMap(ct)).get().asString().contains("marks 100 %").contains("not a CT?");
        float[] hu = {-1000f, 0f, 300f};
        assertThat(Sanity.lesionMap(hu)).get().asString().contains("outside [0, 1]");
    }

    @Test
    void aPoorLesionModelAndImplausibleLesionVolumesAreSaid() {
        assertThat(Sanity.lesionModel("unet", 0.19)).get().asString().contains("Dice 0.19");
        assertThat(Sanity.lesionModel("unet", 0.74)).isEmpty();
        assertThat(Sanity.lesionVolume(5224, 5463)).get().asString().contains("5224 of 5463 ml");
        assertThat(Sanity.lesionVolume(300, 5463)).isEmpty();
    }

    @Test
    void membersTwoGradesApartDisagree() {
        assertThat(Sanity.disagreement(List.of(3, 1))).get().asString().contains("[3, 1]").contains("spread 2");
        assertThat(Sanity.disagreement(List.of(3, 2, 3))).isEmpty();
        assertThat(Sanity.disagreement(List.of(5))).isEmpty();
    }

    @Test
    void aModelWhoseBestValidationQwkStayedNearZeroIsNearChance() {
        assertThat(Sanity.nearChance("m1", 0.03)).get().asString().contains("m1").contains("0.03");
        assertThat(Sanity.nearChance("m1", 0.6)).isEmpty();
    }
}
