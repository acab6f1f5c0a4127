/**
 * Implementation of the Micrometer metrics: a listener on the engine and Socket.IO events. Not API.
 */
package dev.vertio.micrometer.impl;
