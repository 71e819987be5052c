/**
 * Readers and writers of volumes (NIfTI, MetaImage; DICOM in {@code io.dicom}), the memory budget they check
 * before allocating, and the typed bad-input error.
 *
 * <p>May use: {@code steps.volume} and the JDK.
 */
package org.corads.steps.io;
