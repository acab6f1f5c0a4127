/**
 * Several Vertio nodes as one Socket.IO server on the Vert.x clustered event bus; safe Hazelcast
 * defaults for tests and single-host demos. Optional: core does not depend on it.
 */
package dev.vertio.cluster;
