/**
 * Where the networks run: the {@code corads.device} setting ({@code auto}, {@code cpu}, {@code gpu:N}) resolved
 * against the engine's GPUs.
 */
package org.corads.models.device;
