package org.corads.steps.volume;

/** A pure operation on a volume, composable like MONAI's transforms. */
@FunctionalInterface
public interface VolumeTransform {

    Volume apply(Volume in);

    default VolumeTransform andThen(VolumeTransform next) {
        return v -> next.apply(apply(v));
    }
}
