package org.corads.pipeline.grading;

import java.util.List;
import org.corads.models.Head;
import org.corads.pipeline.steps.preprocess.ModelInputStep;
import org.corads.pipeline.study.LesionMaps;

/**
 * {@code ensemble.json}: everything grading needs to know about a published arm, beside its member models. Paths
 * are relative to the folder holding the file ({@code seed-1/model.params}, {@code ../lesion-unet/model.json}), so
 * the folder can be copied elsewhere whole.
 *
 * @param study                the study that trained it
 * @param runId                the run that produced it
 * @param arm                  the arm
 * @param head                 continuous or categorical
 * @param lesionChannel        whether the members take a lesion map as channel 1
 * @param lesionMaps           where the study's lesion maps came from
 * @param modelInput           crop, depth and clipping of the model input (SPEC §2)
 * @param size                 in-plane size the members take (the 240² crop average-pooled to it)
 * @param members              the member models, with digests
 * @param lesionModel          the lesion U-Net that makes channel 1 for new scans (null when none is needed or
 *                                 none was published)
 * @param deployable           whether new scans can be graded with it
 * @param notDeployableBecause why not, in one line (null when deployable)
 */
public record DeployedEnsemble(String study, String runId, String arm, Head head, boolean lesionChannel,
        LesionMaps lesionMaps, ModelInputStep.Params modelInput, int size, List<Member> members,
        LesionModel lesionModel, boolean deployable, String notDeployableBecause) {

    public static final String FILE = "ensemble.json";

    /** One member: its files relative to the ensemble's folder, and their digests. */
    public record Member(String id, String params, String paramsSha256, String card, String cardSha256) {}

    /** The lesion U-Net and the sliding-window settings it segments with. */
    public record LesionModel(String params, String paramsSha256, String card, String cardSha256, int window,
            double overlap) {}

    public DeployedEnsemble {
        members = List.copyOf(members);
    }

    /**
     * Whether an arm can grade new scans, and why not: an arm that reads a lesion map needs a lesion model to make
     * one for a new scan; ground-truth masks (an oracle) exist only for the study's own cohort.
     */
    public static String whyNotDeployable(boolean lesionChannel, LesionMaps maps, boolean lesionModelPublished) {
        if (!lesionChannel || lesionModelPublished) {
            return null;
        }
        return "it reads a lesion map as channel 1 and was trained on " + maps
                + " lesion maps, but the study published no lesion model to make one for a new scan"
                + " (train it with dataset.lesionMaps: model, or deploy an arm with lesionChannel: false)";
    }
}
