import { Emitter } from "./emitter.js";
import {
  decodePacket,
  decodePayload,
  encodePacket,
  encodePayload,
  isBinary,
  asUint8,
} from "./engine-parser.js";
import { CloseReason } from "./close-reason.js";

function query(params) {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => encodeURIComponent(k) + "=" + encodeURIComponent(v))
    .join("&");
}

export function engineUrl(opts, scheme, transport, sid) {
  const q = { ...opts.query, EIO: "4", transport };
  if (sid) q.sid = sid;
  const port = opts.port ? ":" + opts.port : "";
  return scheme + "://" + opts.hostname + port + opts.path + "?" + query(q);
}

/** Resolves a WebSocket implementation: the global one, or the `ws` package in Node. */
async function webSocketImpl(opts) {
  if (opts.WebSocket) return opts.WebSocket;
  if (typeof globalThis.WebSocket === "function") return globalThis.WebSocket;
  try {
    const mod = await import(/* webpackIgnore: true */ "ws");
    return mod.WebSocket || mod.default;
  } catch (e) {
    return null;
  }
}

/**
 * What every transport does for {@link EngineSocket}, which drives them through this contract
 * alone. Events: `open`, `packet` (an Engine.IO packet), `error` (an Error), `close` (reason,
 * description), `drain` (a write finished). What only some transports do has a default here.
 */
export class Transport extends Emitter {
  /**
   * @param {string} name the transport's name on the wire
   * @param {object} opts the connection's options
   * @param {string} [sid] the session id, when the transport joins a known session
   */
  constructor(name, opts, sid) {
    super();
    this.name = name;
    this.opts = opts;
    this.sid = sid;
    /** True when send() may be called. */
    this.writable = false;
  }

  /** Connects; emits `open` (or `error`). */
  open() {
    throw new Error(this.name + ": open() is not implemented");
  }

  /** @param {Array<object>} packets Engine.IO packets to send, in order */
  send(packets) {
    throw new Error(this.name + ": send() is not implemented");
  }

  /** @returns {boolean} true while a write is in flight: new packets wait in the engine */
  get busy() {
    return false;
  }

  /** @returns {boolean} true when the engine may try to upgrade this transport to WebSocket */
  get upgradable() {
    return false;
  }

  /** @param {string} sid the session id the handshake gave */
  setSid(sid) {
    this.sid = sid;
  }

  /** Stops reading; calls back once nothing is in flight (before an upgrade). */
  pause(done) {
    done();
  }

  /** Reads again after a pause whose upgrade was given up. */
  resume() {}

  /** Lets go of the transport after an upgrade, without closing the session it carried. */
  discard() {
    this.close();
  }

  /** Closes the transport. */
  close() {}
}

/** One packet per frame; binary packets as binary frames. */
export class WebSocketTransport extends Transport {
  constructor(opts, sid) {
    super("websocket", opts, sid);
  }

  async open() {
    const Impl = await webSocketImpl(this.opts);
    if (!Impl) {
      this.emitReserved("error", new Error("websocket unavailable"));
      return;
    }
    const url = engineUrl(this.opts, this.opts.secure ? "wss" : "ws", "websocket", this.sid);
    let ws;
    try {
      ws =
        this.opts.extraHeaders && typeof window === "undefined"
          ? new Impl(url, { headers: this.opts.extraHeaders })
          : new Impl(url);
    } catch (e) {
      this.emitReserved("error", e);
      return;
    }
    this.ws = ws;
    ws.binaryType = "arraybuffer";
    ws.onopen = () => {
      this.writable = true;
      this.emitReserved("open");
    };
    ws.onmessage = (ev) => this.emitReserved("packet", decodePacket(ev.data));
    ws.onerror = () => this.emitReserved("error", new Error("websocket error"));
    ws.onclose = (ev) => {
      this.writable = false;
      this.emitReserved("close", CloseReason.TRANSPORT_CLOSE, {
        description: "websocket connection closed",
        context: ev,
      });
    };
  }

  send(packets) {
    for (const p of packets) {
      if (isBinary(p.data)) this.ws.send(asUint8(p.data));
      else this.ws.send(encodePacket(p));
    }
  }

  close() {
    this.writable = false;
    if (this.ws) {
      this.ws.onclose = null;
      this.ws.onerror = null;
      this.ws.onmessage = null;
      try {
        this.ws.close();
      } catch (e) {
        // already closed
      }
    }
  }
}

/** HTTP long-polling with fetch: one GET in flight, one POST in flight, payloads with \x1e. */
export class PollingTransport extends Transport {
  constructor(opts, sid) {
    super("polling", opts, sid);
    this.polling = false;
    this.posting = false;
    this.queue = [];
    this.closed = false;
  }

  url() {
    return (
      engineUrl(this.opts, this.opts.secure ? "https" : "http", "polling", this.sid) +
      "&t=" +
      Date.now().toString(36) +
      (PollingTransport.n++).toString(36)
    );
  }

  request(method, body) {
    const init = { method, headers: { ...(this.opts.extraHeaders || {}) } };
    if (this.opts.withCredentials) init.credentials = "include";
    if (body !== undefined) {
      init.body = body;
      init.headers["Content-Type"] = "text/plain;charset=UTF-8";
    }
    return fetch(this.url(), init).then(async (res) => {
      const text = await res.text();
      if (res.status !== 200)
        throw new Error("xhr " + (method === "GET" ? "poll" : "post") + " error " + res.status);
      return text;
    });
  }

  open() {
    this.poll();
  }

  poll() {
    if (this.closed || this.paused || this.polling) return;
    this.polling = true;
    this.request("GET").then(
      (text) => {
        this.polling = false;
        if (this.closed) return;
        for (const p of decodePayload(text)) {
          if (this.closed) return;
          this.emitReserved("packet", p);
        }
        if (this.paused) this.checkPaused();
        else this.poll();
      },
      (err) => {
        this.polling = false;
        if (!this.closed) this.emitReserved("error", err);
      },
    );
  }

  setSid(sid) {
    this.sid = sid;
    this.writable = true;
  }

  get busy() {
    return this.posting;
  }

  get upgradable() {
    return true;
  }

  send(packets) {
    this.queue.push(...packets);
    this.flushPosts();
  }

  flushPosts() {
    if (this.closed || this.posting || this.queue.length === 0) return;
    this.posting = true;
    const payload = encodePayload(this.queue);
    this.queue = [];
    this.request("POST", payload).then(
      () => {
        this.posting = false;
        this.flushPosts();
        this.checkPaused();
        this.emitReserved("drain");
      },
      (err) => {
        this.posting = false;
        if (!this.closed) this.emitReserved("error", err);
      },
    );
  }

  /** Stops polling; calls back once no request is in flight (before an upgrade). */
  pause(done) {
    this.paused = true;
    this.onPaused = done;
    this.checkPaused();
  }

  checkPaused() {
    if (this.paused && !this.polling && !this.posting && this.queue.length === 0 && this.onPaused) {
      const done = this.onPaused;
      this.onPaused = null;
      done();
    }
  }

  /** Polls again after a pause whose upgrade was given up. */
  resume() {
    this.paused = false;
    this.onPaused = null;
    this.poll();
  }

  /** After an upgrade: no close packet, the session goes on over the WebSocket. */
  discard() {
    this.closed = true;
    this.writable = false;
  }

  close() {
    if (this.closed) return;
    if (this.sid) this.request("POST", "1").catch(() => {});
    this.closed = true;
    this.writable = false;
  }
}
PollingTransport.n = 0;
