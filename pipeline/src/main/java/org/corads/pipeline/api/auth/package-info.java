/**
 * Who may use the HTTP API: bearer tokens from a file (a mounted Kubernetes Secret), OIDC through
 * {@code quarkus-oidc}, or nothing on a loopback-only server; two roles, {@code reader} and {@code submitter}.
 */
package org.corads.pipeline.api.auth;
