package dev.vertio.engineio;

import dev.vertio.engineio.parser.EnginePacket;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * One Engine.IO session: a client connection that survives transport changes (polling to WebSocket)
 * and is kept alive by heartbeats.
 *
 * <p>A session belongs to one event loop, {@link #context()}; its handlers are called there, in the
 * order packets arrived. Its methods may be called from any thread: calls from elsewhere are handed
 * over to its context.
 */
public interface EngineSession {

  /**
   * @return the session id ({@code sid}): 120+ random bits, URL-safe
   */
  String id();

  /**
   * @return the current transport: {@code polling} or {@code websocket}
   */
  String transportName();

  /**
   * @return the Engine.IO protocol revision the client speaks: 4, or 3 for a Socket.IO v2 client
   *     accepted with {@link EngineOptions#setAllowEIO3 allowEIO3} (the reference's {@code
   *     socket.protocol}); the Socket.IO layer applies v2 semantics to revision 3
   */
  default int protocol() {
    return 4;
  }

  /**
   * @return what the handshake request said about the client
   */
  HandshakeData handshake();

  /**
   * @return the context the session's state and handlers live on
   */
  Context context();

  /**
   * Sends a text message.
   *
   * @param text the message
   * @return succeeds once the message is queued for the client; fails if the session is closed
   */
  Future<Void> send(String text);

  /**
   * Sends a binary message: a binary WebSocket frame, or a base64 record when polling.
   *
   * @param bytes the message; its bytes are copied
   * @return succeeds once the message is queued for the client; fails if the session is closed
   */
  Future<Void> send(Buffer bytes);

  /**
   * Sends a prepared {@code message} packet. A packet built once may be sent to any number of
   * sessions: its encoding is computed once and shared.
   *
   * @param packet a message packet from {@link EnginePacket#message(String)} or {@link
   *     EnginePacket#binary(byte[])}
   * @return succeeds once the packet is queued for the client; fails if the session is closed
   */
  Future<Void> send(EnginePacket packet);

  /**
   * @return true when a packet sent now goes out without waiting: a poll is pending, or the
   *     WebSocket's write queue is not full. Volatile messages are dropped when false.
   */
  boolean isWritable();

  /**
   * @param handler called with each text message from the client
   * @return this
   */
  EngineSession messageHandler(Handler<String> handler);

  /**
   * @param handler called with each binary message from the client
   * @return this
   */
  EngineSession binaryMessageHandler(Handler<Buffer> handler);

  /**
   * @param handler called once when the session closes, with the reason
   * @return this
   */
  EngineSession closeHandler(Handler<EngineCloseReason> handler);

  /**
   * @param handler called when the session becomes writable again after it was not
   * @return this
   */
  EngineSession drainHandler(Handler<Void> handler);

  /**
   * @param handler called when the session has upgraded from polling to WebSocket
   * @return this
   */
  EngineSession upgradeHandler(Handler<Void> handler);

  /**
   * Closes the session: packets already queued are sent first, then the transport is closed. The
   * close handler sees {@link EngineCloseReason#FORCED_CLOSE}.
   *
   * @return completes when the session is closed
   */
  Future<Void> close();

  /**
   * @return true once the session is closed or closing
   */
  boolean isClosed();

  /**
   * @return why the session closed, or null while it is open
   */
  EngineCloseReason closeReason();

  /**
   * @return a detail of the close reason (e.g. which limit was exceeded), or null
   */
  String closeDescription();
}
