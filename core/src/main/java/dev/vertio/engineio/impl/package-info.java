/**
 * Implementation of the Engine.IO server: the session state machine ({@code EngineSessionImpl}),
 * request routing ({@code EngineServerImpl}, {@code RouterMount}), heartbeats and deadlines, CORS,
 * session ids. Not API: may change without notice.
 */
package dev.vertio.engineio.impl;
