/**
 * {@code Volume} and {@code Geometry}: voxels with their place in LPS patient space, immutable.
 *
 * <p>May use: the JDK only.
 */
package org.corads.steps.volume;
