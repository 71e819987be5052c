/**
 * A DJL dataset over preprocessed input volumes, for training loops that use DJL's {@code Dataset} API.
 *
 * <p>May use: {@code datasets.manifest}, the {@code steps} library and DJL's API.
 */
package org.corads.datasets.djl;
