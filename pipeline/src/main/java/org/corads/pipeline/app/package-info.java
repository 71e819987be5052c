/**
 * Wiring of the app: CDI producers for the registry, cache, executor and runners, storage settings, and the
 * one YAML reader for user files.
 *
 * <p>May use: every pipeline package (it wires them); nothing uses it but commands, routes and the API.
 */
package org.corads.pipeline.app;
