/**
 * The test kit: DICOM series writer, bad-input corpus, the CLI runner and the S3 test server's lifecycle.
 *
 * <p>May use: every module.
 */
package org.corads.testkit;
