import { Emitter } from "./emitter.js";
import { PollingTransport, WebSocketTransport } from "./transports.js";
import { CloseReason } from "./close-reason.js";

/**
 * An Engine.IO v4 connection: handshake on the first usable transport, heartbeat, upgrade from
 * polling to WebSocket (probe, pause, upgrade), falling back to polling when WebSocket is
 * unavailable or blocked. Events: open, message, close(reason), upgrade(name), ping.
 */
export class EngineSocket extends Emitter {
  constructor(opts) {
    super();
    this.opts = opts;
    this.readyState = "closed";
    this.writeBuffer = [];
    this.upgrading = false;
    this.transports = opts.transports.slice();
  }

  open() {
    this.readyState = "opening";
    let name = this.transports[0];
    if (
      this.opts.rememberUpgrade &&
      EngineSocket.priorWebsocketSuccess &&
      this.transports.includes("websocket")
    ) {
      name = "websocket";
    }
    this.openWith(name);
  }

  openWith(name) {
    const t = name === "websocket" ? new WebSocketTransport(this.opts) : new PollingTransport(this.opts);
    this.setTransport(t);
    t.on("error", (err) => {
      if (this.readyState === "opening" && name === "websocket" && this.transports.includes("polling")) {
        // WebSocket unavailable or blocked: fall back to polling.
        t.close();
        this.transports = this.transports.filter((n) => n !== "websocket");
        this.openWith("polling");
        return;
      }
      this.onClose(CloseReason.TRANSPORT_ERROR, err);
    });
    t.open();
  }

  setTransport(t) {
    if (this.transport) {
      this.transport.off("packet");
      this.transport.off("close");
    }
    this.transport = t;
    t.on("packet", (p) => this.onPacket(p));
    t.on("close", (reason, description) => this.onClose(reason || CloseReason.TRANSPORT_CLOSE, description));
    t.on("drain", () => this.flush());
  }

  onPacket(p) {
    if (this.readyState === "closed") return;
    switch (p.type) {
      case "open":
        this.onHandshake(JSON.parse(p.data));
        break;
      case "ping":
        this.resetPingTimeout();
        this.emitReserved("ping");
        this.sendPacket({ type: "pong" });
        break;
      case "message":
        this.emitReserved("message", p.data);
        break;
      case "close":
        this.onClose(CloseReason.TRANSPORT_CLOSE);
        break;
      case "error":
        this.onClose(CloseReason.PARSE_ERROR);
        break;
      default:
        break;
    }
  }

  onHandshake(data) {
    this.id = data.sid;
    this.pingInterval = data.pingInterval;
    this.pingTimeout = data.pingTimeout;
    this.transport.setSid(data.sid);
    this.readyState = "open";
    EngineSocket.priorWebsocketSuccess = this.transport.name === "websocket";
    this.emitReserved("open");
    this.resetPingTimeout();
    this.flush();
    if (
      this.opts.upgrade !== false &&
      this.transport.upgradable &&
      (data.upgrades || []).includes("websocket") &&
      this.transports.includes("websocket")
    ) {
      this.probe();
    }
  }

  probe() {
    const ws = new WebSocketTransport(this.opts, this.id);
    let done = false;
    const fail = () => {
      if (done) return;
      done = true;
      ws.close();
      // polling may already be paused for this upgrade: it goes on
      if (this.upgrading) this.transport.resume();
      this.upgrading = false;
      this.flush();
      this.emitReserved("upgradeError");
    };
    ws.on("open", () => ws.send([{ type: "ping", data: "probe" }]));
    ws.on("packet", (p) => {
      if (done) return;
      if (p.type === "pong" && p.data === "probe") {
        this.upgrading = true;
        this.transport.pause(() => {
          if (done || this.readyState !== "open") return fail();
          done = true;
          this.transport.discard();
          ws.send([{ type: "upgrade" }]);
          ws.off("packet");
          ws.off("error");
          this.setTransport(ws);
          ws.on("error", (err) => this.onClose(CloseReason.TRANSPORT_ERROR, err));
          this.upgrading = false;
          EngineSocket.priorWebsocketSuccess = true;
          this.emitReserved("upgrade", "websocket");
          this.flush();
        });
      } else {
        fail();
      }
    });
    ws.on("error", fail);
    ws.on("close", fail);
    ws.open();
  }

  resetPingTimeout() {
    clearTimeout(this.pingTimer);
    this.pingTimer = setTimeout(
      () => this.onClose(CloseReason.PING_TIMEOUT),
      this.pingInterval + this.pingTimeout,
    );
    if (this.pingTimer.unref && this.opts.autoUnref) this.pingTimer.unref();
  }

  /** True when a message sent now goes out at once (volatile messages are dropped otherwise). */
  get writable() {
    return (
      this.readyState === "open" &&
      !this.upgrading &&
      this.transport.writable &&
      !this.transport.busy &&
      this.writeBuffer.length === 0
    );
  }

  send(data) {
    this.sendPacket({ type: "message", data });
  }

  sendPacket(packet) {
    if (this.readyState === "closed") return;
    this.writeBuffer.push(packet);
    this.flush();
  }

  flush() {
    if (
      this.readyState !== "open" ||
      this.upgrading ||
      !this.transport.writable ||
      this.writeBuffer.length === 0
    ) {
      return;
    }
    const packets = this.writeBuffer;
    this.writeBuffer = [];
    this.transport.send(packets);
  }

  close() {
    if (this.readyState === "closed") return;
    this.onClose(CloseReason.FORCED_CLOSE);
  }

  onClose(reason, description) {
    if (this.readyState === "closed") return;
    const wasOpen = this.readyState === "open";
    this.readyState = "closed";
    clearTimeout(this.pingTimer);
    this.writeBuffer = [];
    if (this.transport) this.transport.close();
    this.emitReserved(wasOpen ? "close" : "error", wasOpen ? reason : new Error(reason), description);
  }
}
EngineSocket.priorWebsocketSuccess = false;
