/**
 * The embedded S3 server's launcher: S3Proxy on a filesystem, started as its own JVM by the pipeline.
 *
 * <p>May use: S3Proxy only (its Jackson must not meet Quarkus's).
 */
package org.corads.embeddeds3;
