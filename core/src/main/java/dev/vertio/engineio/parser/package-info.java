/**
 * Engine.IO packets and their wire formats (protocol 4, and 3 for older clients): pure
 * encode/decode with no Vert.x context and no server imports, shared by the server and the Java
 * client.
 */
package dev.vertio.engineio.parser;
