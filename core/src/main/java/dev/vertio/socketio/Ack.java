package dev.vertio.socketio;

/**
 * The acknowledgement a client asked for with an event. Only the first {@link #send} counts. May be
 * called from any thread.
 */
public interface Ack {
  /** An acknowledgement for an event that asked for none: sending it does nothing. */
  Ack NONE =
      new Ack() {
        @Override
        public void send(Object... args) {}

        @Override
        public boolean requested() {
          return false;
        }
      };

  /**
   * @param args the answer's arguments: JSON values, Vert.x JSON, Buffers, or POJOs
   */
  void send(Object... args);

  /**
   * @return true when the client asked for an acknowledgement
   */
  boolean requested();
}
