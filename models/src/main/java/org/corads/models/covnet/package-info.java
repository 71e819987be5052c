/**
 * COVNet: a 2D ResNet-50 applied to every axial slice, features max-pooled over slices, then the head.
 *
 * <p>May use: DJL's API and {@code org.corads.models}.
 */
package org.corads.models.covnet;
