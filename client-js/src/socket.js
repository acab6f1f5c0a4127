import { Emitter } from "./emitter.js";
import { PacketType, RESERVED_EVENTS } from "./parser.js";

/**
 * A namespace socket. Events are buffered while disconnected (volatile ones dropped);
 * acknowledgements still pending when the connection drops fail with "socket has been disconnected".
 * With `retries`, acknowledged and unacknowledged emits alike go through a queue, one at a time, each
 * re-sent until the server acknowledges it (at most `retries` more times, each try bounded by
 * `ackTimeout`), as socket.io-client does: the server sees every event at least once, in order.
 */
export class Socket extends Emitter {
  constructor(io, nsp, opts = {}) {
    super();
    this.io = io;
    this.nsp = nsp;
    this.id = undefined;
    this.connected = false;
    this.recovered = false;
    this.receiveBuffer = [];
    this.sendBuffer = [];
    this.ids = 0;
    this.acks = {};
    this.flags = {};
    this.auth = opts.auth;
    this._opts = { retries: opts.retries, ackTimeout: opts.ackTimeout };
    this._queue = [];
    this._queueSeq = 0;
    this._anyListeners = [];
    this._anyOutgoingListeners = [];
    this.subs = null;
    if (opts.autoConnect !== false) this.open();
  }

  get disconnected() {
    return !this.connected;
  }

  get active() {
    return !!this.subs;
  }

  subEvents() {
    if (this.subs) return;
    const io = this.io;
    const handlers = {
      open: () => this.onopen(),
      packet: (p) => this.onpacket(p),
      error: (err) => {
        if (!this.connected) this.emitReserved("connect_error", err);
      },
      close: (reason, description) => this.onclose(reason, description),
    };
    for (const [ev, fn] of Object.entries(handlers)) io.on(ev, fn);
    this.subs = () => {
      for (const [ev, fn] of Object.entries(handlers)) io.off(ev, fn);
    };
  }

  connect() {
    if (this.connected) return this;
    this.subEvents();
    if (!this.io._reconnecting) this.io.open();
    if (this.io._readyState === "open") this.onopen();
    return this;
  }

  open() {
    return this.connect();
  }

  onopen() {
    if (typeof this.auth === "function") {
      this.auth((data) => this.sendConnect(data));
    } else {
      this.sendConnect(this.auth);
    }
  }

  sendConnect(data) {
    // Connection-state recovery: present the previous session and the last offset seen.
    if (this._pid) data = Object.assign({ pid: this._pid, offset: this._lastOffset }, data);
    this.packet({ type: PacketType.CONNECT, data });
  }

  packet(packet, volatile) {
    packet.nsp = this.nsp;
    return this.io._packet(packet, volatile);
  }

  emit(ev, ...args) {
    if (RESERVED_EVENTS.includes(ev)) throw new Error('"' + String(ev) + '" is a reserved event name');
    args.unshift(ev);
    if (this._opts.retries && !this.flags.fromQueue && !this.flags.volatile) {
      this._addToQueue(args);
      return this;
    }
    const packet = { type: PacketType.EVENT, data: args };
    if (typeof args[args.length - 1] === "function") {
      const id = this.ids++;
      const ack = args.pop();
      this.registerAck(id, ack);
      packet.id = id;
    }
    const isVolatile = this.flags.volatile;
    this.flags = {};
    for (const l of this._anyOutgoingListeners.slice()) l.apply(this, args);
    if (this.connected) {
      this.packet(packet, isVolatile);
    } else if (!isVolatile) {
      this.sendBuffer.push(packet);
    }
    return this;
  }

  registerAck(id, ack) {
    const timeout = this.flags.timeout ?? this._opts.ackTimeout;
    if (timeout === undefined) {
      this.acks[id] = ack;
      return;
    }
    const timer = setTimeout(() => {
      delete this.acks[id];
      for (let i = 0; i < this.sendBuffer.length; i++) {
        if (this.sendBuffer[i].id === id) this.sendBuffer.splice(i, 1);
      }
      ack.call(this, new Error("operation has timed out"));
    }, timeout);
    const fn = (...args) => {
      clearTimeout(timer);
      ack.apply(this, args);
    };
    fn.withError = true;
    this.acks[id] = fn;
  }

  emitWithAck(ev, ...args) {
    // the retry queue always answers error-first
    const withErr =
      this.flags.timeout !== undefined || this._opts.ackTimeout !== undefined || !!this._opts.retries;
    return new Promise((resolve, reject) => {
      const fn = (arg1, arg2) => (withErr ? (arg1 ? reject(arg1) : resolve(arg2)) : resolve(arg1));
      fn.withError = withErr;
      args.push(fn);
      this.emit(ev, ...args);
    });
  }

  /** Queues an emit of the retry queue; its callback always receives an error first. */
  _addToQueue(args) {
    let ack;
    if (typeof args[args.length - 1] === "function") ack = args.pop();
    const packet = {
      id: this._queueSeq++,
      tryCount: 0,
      pending: false,
      args,
      flags: Object.assign({ fromQueue: true }, this.flags),
    };
    this.flags = {};
    const callback = (err, ...responseArgs) => {
      if (packet !== this._queue[0]) return; // already acknowledged
      if (err) {
        if (packet.tryCount > this._opts.retries) {
          this._queue.shift();
          if (ack) ack(err);
        }
      } else {
        this._queue.shift();
        if (ack) ack(null, ...responseArgs);
      }
      packet.pending = false;
      this._drainQueue();
    };
    callback.withError = true;
    args.push(callback);
    this._queue.push(packet);
    this._drainQueue();
  }

  /** Sends the head of the retry queue when connected and not already in flight (or forced). */
  _drainQueue(force = false) {
    if (!this.connected || this._queue.length === 0) return;
    const packet = this._queue[0];
    if (packet.pending && !force) return;
    packet.pending = true;
    packet.tryCount++;
    this.flags = packet.flags;
    this.emit(...packet.args);
  }

  timeout(ms) {
    this.flags.timeout = ms;
    return this;
  }

  get volatile() {
    this.flags.volatile = true;
    return this;
  }

  compress() {
    return this;
  }

  onpacket(packet) {
    if (packet.nsp !== this.nsp) return;
    switch (packet.type) {
      case PacketType.CONNECT:
        if (packet.data && packet.data.sid) {
          this.onconnect(packet.data.sid, packet.data.pid);
        } else {
          this.emitReserved(
            "connect_error",
            new Error(
              "It seems you are trying to reach a Socket.IO server in v2.x with a v3.x client, but they are not compatible",
            ),
          );
        }
        break;
      case PacketType.EVENT:
      case PacketType.BINARY_EVENT:
        this.onevent(packet);
        break;
      case PacketType.ACK:
      case PacketType.BINARY_ACK:
        this.onack(packet);
        break;
      case PacketType.DISCONNECT:
        this.destroy();
        this.onclose("io server disconnect");
        break;
      case PacketType.CONNECT_ERROR: {
        this.destroy();
        const err = new Error(packet.data && packet.data.message);
        err.data = packet.data && packet.data.data;
        this.emitReserved("connect_error", err);
        break;
      }
      default:
        break;
    }
  }

  onevent(packet) {
    const args = packet.data || [];
    if (packet.id !== undefined) args.push(this.ack(packet.id));
    if (this.connected) this.emitEvent(args);
    else this.receiveBuffer.push(Object.freeze(args));
  }

  emitEvent(args) {
    for (const l of this._anyListeners.slice()) l.apply(this, args);
    this.emitReserved(...args);
    // With recovery on, the server's events end with their offset (left visible, as the
    // reference client does).
    if (this._pid && args.length && typeof args[args.length - 1] === "string") {
      this._lastOffset = args[args.length - 1];
    }
  }

  ack(id) {
    let sent = false;
    return (...args) => {
      if (sent) return;
      sent = true;
      this.packet({ type: PacketType.ACK, id, data: args });
    };
  }

  onack(packet) {
    const ack = this.acks[packet.id];
    if (typeof ack !== "function") return;
    delete this.acks[packet.id];
    if (ack.withError) packet.data.unshift(null);
    ack.apply(this, packet.data);
  }

  onconnect(id, pid) {
    this.id = id;
    this.recovered = !!(pid && this._pid === pid);
    this._pid = pid;
    this.connected = true;
    this.emitBuffered();
    this.emitReserved("connect");
    this._drainQueue(true);
  }

  emitBuffered() {
    this.receiveBuffer.forEach((args) => this.emitEvent(args));
    this.receiveBuffer = [];
    this.sendBuffer.forEach((packet) => this.packet(packet));
    this.sendBuffer = [];
  }

  onclose(reason, description) {
    if (!this.connected && reason !== "io server disconnect" && reason !== "io client disconnect") {
      return;
    }
    this.connected = false;
    delete this.id;
    this.clearAcks();
    this.emitReserved("disconnect", reason, description);
  }

  clearAcks() {
    for (const id of Object.keys(this.acks)) {
      const ack = this.acks[id];
      if (!this.sendBuffer.some((p) => String(p.id) === id)) {
        delete this.acks[id];
        if (ack.withError) ack.call(this, new Error("socket has been disconnected"));
      }
    }
  }

  destroy() {
    if (this.subs) {
      this.subs();
      this.subs = null;
    }
    this.io._destroy(this);
  }

  disconnect() {
    if (this.connected) this.packet({ type: PacketType.DISCONNECT });
    this.destroy();
    if (this.connected) this.onclose("io client disconnect");
    return this;
  }

  close() {
    return this.disconnect();
  }

  onAny(listener) {
    this._anyListeners.push(listener);
    return this;
  }

  prependAny(listener) {
    this._anyListeners.unshift(listener);
    return this;
  }

  offAny(listener) {
    if (!listener) this._anyListeners = [];
    else this._anyListeners = this._anyListeners.filter((l) => l !== listener);
    return this;
  }

  listenersAny() {
    return this._anyListeners.slice();
  }

  onAnyOutgoing(listener) {
    this._anyOutgoingListeners.push(listener);
    return this;
  }

  offAnyOutgoing(listener) {
    if (!listener) this._anyOutgoingListeners = [];
    else this._anyOutgoingListeners = this._anyOutgoingListeners.filter((l) => l !== listener);
    return this;
  }
}
