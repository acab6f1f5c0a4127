package dev.vertio.socketio.impl;

import dev.vertio.socketio.BroadcastOperator;
import dev.vertio.socketio.Middleware;
import dev.vertio.socketio.Namespace;
import dev.vertio.socketio.Socket;
import dev.vertio.socketio.adapter.Adapter;
import io.vertx.core.Handler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The parent of dynamic namespaces: names its predicate accepts are created on first CONNECT and
 * share its middleware and connection handlers; its broadcasts reach every child.
 */
final class ParentNamespaceImpl extends AbstractBroadcaster implements Namespace {
  private final SocketIoServerImpl server;
  private final String label;
  private final Predicate<String> predicate;
  private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
  private final List<Handler<Socket>> connectionHandlers = new CopyOnWriteArrayList<>();
  private final Map<String, NamespaceImpl> children = new ConcurrentHashMap<>();
  private final BroadcastOperator operator;

  ParentNamespaceImpl(SocketIoServerImpl server, String label, Predicate<String> predicate) {
    this.server = server;
    this.label = label;
    this.predicate = predicate;
    this.operator = new BroadcastOperatorImpl(() -> List.copyOf(children.values()));
  }

  boolean matches(String name) {
    try {
      return predicate.test(name);
    } catch (RuntimeException e) {
      return false;
    }
  }

  NamespaceImpl child(String name) {
    return children.computeIfAbsent(name, n -> server.register(new NamespaceImpl(server, n, this)));
  }

  List<Middleware> middlewares() {
    return middlewares;
  }

  List<Handler<Socket>> connectionHandlers() {
    return connectionHandlers;
  }

  /**
   * @return the children created so far
   */
  Map<String, NamespaceImpl> children() {
    return Map.copyOf(children);
  }

  @Override
  public String name() {
    return label;
  }

  @Override
  public Namespace use(Middleware middleware) {
    middlewares.add(middleware);
    return this;
  }

  @Override
  public Namespace onConnection(Handler<Socket> handler) {
    connectionHandlers.add(handler);
    return this;
  }

  @Override
  public Map<String, Socket> sockets() {
    Map<String, Socket> all = new HashMap<>();
    for (NamespaceImpl child : children.values()) {
      all.putAll(child.sockets());
    }
    return all;
  }

  /**
   * @throws UnsupportedOperationException always: each child has its own adapter
   */
  @Override
  public Adapter adapter() {
    throw new UnsupportedOperationException(
        "a parent namespace has no adapter of its own; use a child's");
  }

  @Override
  BroadcastOperator operator() {
    return operator;
  }
}
