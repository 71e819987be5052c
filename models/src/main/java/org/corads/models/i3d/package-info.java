/**
 * I3D: the inflated Inception-v1 3D network on the whole volume.
 *
 * <p>May use: DJL's API and {@code org.corads.models}.
 */
package org.corads.models.i3d;
