package dev.vertio.engineio.impl;

import dev.vertio.engineio.spi.Transport;
import dev.vertio.engineio.spi.TransportListener;

/**
 * The session a {@link WebSocketUpgrade} works for, as the upgrade sees it: told when the probe
 * came, when the upgrade is done or abandoned; after the upgrade it receives the new transport's
 * events as its own listener.
 */
interface UpgradeHost extends TransportListener {

  /** The client's {@code 2probe} came and {@code 3probe} went: end the pending poll with a noop. */
  void onProbed();

  /**
   * @param next the WebSocket the session now uses
   */
  void onUpgraded(Transport next);

  /** The upgrade was abandoned (timeout, bad packet, closed WebSocket): go on polling. */
  void onUpgradeFailed();
}
