/**
 * The HTTP API (Quarkus REST): submit studies, read their status and reports.
 *
 * <p>May use: {@code pipeline.study}, {@code pipeline.storage}, {@code pipeline.app}; holds no computation.
 */
package org.corads.pipeline.api;
