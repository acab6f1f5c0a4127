import { Emitter } from "./emitter.js";
import { CloseReason } from "./close-reason.js";
import { EngineSocket } from "./engine.js";
import { Backoff } from "./backoff.js";
import { Decoder, encode } from "./parser.js";
import { Socket } from "./socket.js";

const isBlob = (o) => typeof Blob !== "undefined" && o instanceof Blob;

/**
 * The connection several namespace sockets share: reconnection with backoff and the events
 * reconnect_attempt, reconnect, reconnect_error, reconnect_failed, open, close, error.
 */
export class Manager extends Emitter {
  constructor(uri, opts = {}) {
    super();
    this.uri = uri;
    this.opts = opts;
    this.nsps = {};
    this._reconnection = opts.reconnection !== false;
    this._reconnectionAttempts = opts.reconnectionAttempts ?? Infinity;
    this.backoff = new Backoff({
      min: opts.reconnectionDelay ?? 1000,
      max: opts.reconnectionDelayMax ?? 5000,
      jitter: opts.randomizationFactor ?? 0.5,
    });
    this._timeout = opts.timeout ?? 20000;
    this._readyState = "closed";
    this.decoder = new Decoder();
    this.decoder.on("decoded", (p) => this.emitReserved("packet", p));
    this.skipReconnect = false;
    this.reconnecting = false;
    this._blobQueue = 0;
    this._blobChain = Promise.resolve();
    if (opts.autoConnect !== false) this.open();
  }

  reconnection(v) {
    if (v === undefined) return this._reconnection;
    this._reconnection = !!v;
    return this;
  }

  open(fn) {
    if (this._readyState.indexOf("open") >= 0) return this;
    this._readyState = "opening";
    const engine = new EngineSocket(this.engineOptions());
    this.engine = engine;
    this.skipReconnect = false;
    const timer = setTimeout(() => {
      if (this._readyState === "opening") {
        engine.close();
        this.onOpenError(new Error("timeout"), fn);
      }
    }, this._timeout);
    engine.on("open", () => {
      clearTimeout(timer);
      this.onOpen();
      if (fn) fn();
    });
    engine.on("error", (err) => {
      clearTimeout(timer);
      if (this.engine === engine) this.onOpenError(err, fn);
    });
    engine.open();
    return this;
  }

  engineOptions() {
    const o = this.opts;
    return {
      hostname: this.uri.hostname,
      port: this.uri.port,
      secure: this.uri.secure,
      path: (o.path || "/socket.io").replace(/\/?$/, "/"),
      query: o.query || {},
      transports: o.transports || ["polling", "websocket"],
      upgrade: o.upgrade !== false,
      rememberUpgrade: !!o.rememberUpgrade,
      withCredentials: !!o.withCredentials,
      extraHeaders: o.extraHeaders,
      WebSocket: o.WebSocket,
    };
  }

  onOpenError(err, fn) {
    this._readyState = "closed";
    this.engine = undefined;
    this.emitReserved("error", err);
    if (fn) fn(err);
    else this.maybeReconnectOnOpen();
  }

  maybeReconnectOnOpen() {
    if (!this.reconnecting && this._reconnection && this.backoff.attempts === 0) this.reconnect();
  }

  onOpen() {
    this._readyState = "open";
    this.emitReserved("open");
    const engine = this.engine;
    engine.on("message", (data) => {
      try {
        this.decoder.add(data);
      } catch (e) {
        this.onclose(CloseReason.PARSE_ERROR);
      }
    });
    engine.on("close", (reason) => this.onclose(reason));
    engine.on("ping", () => this.emitReserved("ping"));
    engine.on("upgrade", (name) => this.emitReserved("upgrade", name));
  }

  socket(nsp, opts) {
    let socket = this.nsps[nsp];
    if (!socket) {
      socket = new Socket(this, nsp, opts);
      this.nsps[nsp] = socket;
    } else if (this.opts.autoConnect !== false && !socket.active) {
      socket.connect();
    }
    return socket;
  }

  _destroy(socket) {
    for (const nsp of Object.keys(this.nsps)) {
      if (this.nsps[nsp].active) return;
    }
    this._close();
  }

  _packet(packet, volatile) {
    if (!this.engine || this._readyState !== "open") return false;
    if (volatile && !this.engine.writable) return true;
    const parts = encode(packet);
    if (this._blobQueue === 0 && !parts.some(isBlob)) {
      for (const part of parts) this.engine.send(part);
      return true;
    }
    // Blobs are read asynchronously; later packets wait behind them so that order is kept.
    this._blobQueue++;
    this._blobChain = this._blobChain
      .then(() => Promise.all(parts.map((p) => (isBlob(p) ? p.arrayBuffer() : p))))
      .then((ready) => {
        if (this.engine) for (const part of ready) this.engine.send(part);
      })
      .catch(() => {})
      .finally(() => {
        this._blobQueue--;
      });
    return true;
  }

  _close() {
    this.skipReconnect = true;
    this.reconnecting = false;
    clearTimeout(this.reconnectTimer);
    this.onclose(CloseReason.FORCED_CLOSE);
    if (this.engine) this.engine.close();
  }

  disconnect() {
    return this._close();
  }

  onclose(reason, description) {
    if (this._readyState === "closed" && !this.engine) return;
    const engine = this.engine;
    this.engine = undefined;
    this._readyState = "closed";
    this.decoder.destroy();
    if (engine) {
      engine.off("message");
      engine.off("close");
      engine.close();
    }
    this.backoff.reset();
    this.emitReserved("close", reason, description);
    if (this._reconnection && !this.skipReconnect) this.reconnect();
  }

  reconnect() {
    if (this.reconnecting || this.skipReconnect) return this;
    if (this.backoff.attempts >= this._reconnectionAttempts) {
      this.backoff.reset();
      this.emitReserved("reconnect_failed");
      this.reconnecting = false;
      return this;
    }
    const delay = this.backoff.duration();
    this.reconnecting = true;
    this.reconnectTimer = setTimeout(() => {
      if (this.skipReconnect) return;
      this.emitReserved("reconnect_attempt", this.backoff.attempts);
      if (this.skipReconnect) return;
      this.open((err) => {
        if (err) {
          this.reconnecting = false;
          this.reconnect();
          this.emitReserved("reconnect_error", err);
        } else {
          const attempts = this.backoff.attempts;
          this.reconnecting = false;
          this.backoff.reset();
          this.emitReserved("reconnect", attempts);
        }
      });
    }, delay);
    return this;
  }
}
