package dev.vertio.engineio.impl;

import dev.vertio.engineio.parser.EnginePacket;
import dev.vertio.engineio.spi.Transport;
import dev.vertio.engineio.spi.TransportListener;
import dev.vertio.engineio.testing.Recorder;
import java.util.List;

/**
 * A transport with no network: what the session does to it is recorded ({@code send <wire>}, {@code
 * close}, {@code discard}), and the test plays the client through {@link #listener()}. A {@code
 * "polling"} one is writable while a poll is pending: {@link #writable(boolean)} opens a poll, a
 * send answers it.
 */
public final class FakeTransport implements Transport {
  private final String name;
  private final Recorder<String> calls = new Recorder<>();
  private TransportListener listener;
  private boolean writable = true;

  /**
   * @param name the transport's name
   */
  public FakeTransport(String name) {
    this.name = name;
  }

  /**
   * @return what was done to the transport, in order
   */
  public Recorder<String> calls() {
    return calls;
  }

  /**
   * @return the listener the session gave it: the test reports client events through it
   */
  public TransportListener listener() {
    return listener;
  }

  /**
   * @param writable whether sends go out at once
   */
  public void writable(boolean writable) {
    this.writable = writable;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void listener(TransportListener listener) {
    this.listener = listener;
  }

  @Override
  public boolean isWritable() {
    return writable;
  }

  @Override
  public boolean batchesWrites() {
    return "polling".equals(name);
  }

  @Override
  public void send(List<EnginePacket> packets) {
    for (EnginePacket p : packets) {
      calls.record("send " + p.wireText());
    }
    if (batchesWrites()) {
      // a poll is answered once: the next send waits for the next poll
      writable = false;
    }
  }

  @Override
  public void close() {
    calls.record("close");
  }

  @Override
  public void discard() {
    calls.record("discard");
  }
}
