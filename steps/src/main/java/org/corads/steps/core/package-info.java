/**
 * The contract of a step: {@code Step}, its files, its spec and cache key, canonical JSON, object-key checks and
 * the one SHA-256 helper.
 *
 * <p>May use: Jackson and the JDK only.
 */
package org.corads.steps.core;
