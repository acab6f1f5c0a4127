/** Socket.IO revision 5 packets: encode with binary placeholders, decode with attachments. */
import { Emitter } from "./emitter.js";

export const PacketType = {
  CONNECT: 0,
  DISCONNECT: 1,
  EVENT: 2,
  ACK: 3,
  CONNECT_ERROR: 4,
  BINARY_EVENT: 5,
  BINARY_ACK: 6,
};
/** Event names an application may not emit: they name the socket's own events. */
export const RESERVED_EVENTS = Object.freeze([
  "connect",
  "connect_error",
  "disconnect",
  "disconnecting",
  "newListener",
  "removeListener",
]);
const MAX_ATTACHMENTS = 10;

const isBlob = (o) => typeof Blob !== "undefined" && o instanceof Blob;
const isBinaryValue = (o) => o instanceof ArrayBuffer || ArrayBuffer.isView(o) || isBlob(o);

export function hasBinary(obj, depth = 0) {
  if (!obj || typeof obj !== "object" || depth > 100) return false;
  if (isBinaryValue(obj)) return true;
  if (typeof obj.toJSON === "function" && !Array.isArray(obj)) return hasBinary(obj.toJSON(), depth + 1);
  const values = Array.isArray(obj) ? obj : Object.values(obj);
  return values.some((v) => hasBinary(v, depth + 1));
}

function deconstruct(data, buffers) {
  if (isBinaryValue(data)) {
    buffers.push(data);
    return { _placeholder: true, num: buffers.length - 1 };
  }
  if (Array.isArray(data)) return data.map((d) => deconstruct(d, buffers));
  if (data && typeof data === "object" && !(data instanceof Date)) {
    const out = {};
    for (const [k, v] of Object.entries(data)) out[k] = deconstruct(v, buffers);
    return out;
  }
  return data;
}

function reconstruct(data, buffers) {
  if (data && typeof data === "object") {
    if (data._placeholder === true) {
      if (typeof data.num === "number" && data.num >= 0 && data.num < buffers.length)
        return buffers[data.num];
      throw new Error("illegal attachments");
    }
    if (Array.isArray(data)) {
      for (let i = 0; i < data.length; i++) data[i] = reconstruct(data[i], buffers);
    } else {
      for (const k of Object.keys(data)) data[k] = reconstruct(data[k], buffers);
    }
  }
  return data;
}

/** @returns an array: the text, then each binary attachment (Blobs are sent as they are) */
export function encode(packet) {
  let type = packet.type;
  let data = packet.data;
  const buffers = [];
  if ((type === PacketType.EVENT || type === PacketType.ACK) && hasBinary(data)) {
    type = type === PacketType.EVENT ? PacketType.BINARY_EVENT : PacketType.BINARY_ACK;
    data = deconstruct(data, buffers);
  }
  let str = "" + type;
  if (type === PacketType.BINARY_EVENT || type === PacketType.BINARY_ACK) str += buffers.length + "-";
  if (packet.nsp && packet.nsp !== "/") str += packet.nsp + ",";
  if (packet.id !== undefined && packet.id !== null) str += packet.id;
  if (data !== undefined) str += JSON.stringify(data);
  return [str, ...buffers];
}

function isPayloadValid(type, payload) {
  switch (type) {
    case PacketType.CONNECT:
      return (
        payload === undefined || (typeof payload === "object" && payload !== null && !Array.isArray(payload))
      );
    case PacketType.DISCONNECT:
      return payload === undefined;
    case PacketType.CONNECT_ERROR:
      return typeof payload === "string" || (typeof payload === "object" && payload !== null);
    case PacketType.EVENT:
    case PacketType.BINARY_EVENT:
      return (
        Array.isArray(payload) &&
        payload.length > 0 &&
        (typeof payload[0] === "number" ||
          (typeof payload[0] === "string" && !RESERVED_EVENTS.includes(payload[0])))
      );
    default:
      return Array.isArray(payload);
  }
}

/** Decodes text then attachments; emits "decoded" with each complete packet. */
export class Decoder extends Emitter {
  add(obj) {
    if (typeof obj === "string") {
      if (this.pending) throw new Error("got plaintext data when reconstructing a packet");
      const packet = decodeString(obj);
      if (packet.attachments > 0) {
        this.pending = { packet, buffers: [] };
      } else {
        this.emitReserved("decoded", packet);
      }
    } else {
      if (!this.pending) throw new Error("got binary data when not reconstructing a packet");
      this.pending.buffers.push(obj);
      if (this.pending.buffers.length === this.pending.packet.attachments) {
        const { packet, buffers } = this.pending;
        this.pending = null;
        packet.data = reconstruct(packet.data, buffers);
        this.emitReserved("decoded", packet);
      }
    }
  }

  destroy() {
    this.pending = null;
  }
}

function decodeString(str) {
  let i = 0;
  const p = { type: Number(str.charAt(0)) };
  if (!(p.type >= 0 && p.type <= 6)) throw new Error("unknown packet type " + str.charAt(0));
  if (p.type === PacketType.BINARY_EVENT || p.type === PacketType.BINARY_ACK) {
    const dash = str.indexOf("-", i + 1);
    const n = str.substring(i + 1, dash);
    if (dash < 0 || !/^\d+$/.test(n)) throw new Error("Illegal attachments");
    p.attachments = Number(n);
    if (p.attachments > MAX_ATTACHMENTS) throw new Error("too many attachments");
    i = dash;
  }
  if (str.charAt(i + 1) === "/") {
    const comma = str.indexOf(",", i + 1);
    const end = comma < 0 ? str.length : comma;
    p.nsp = str.substring(i + 1, end);
    i = end;
  } else {
    p.nsp = "/";
  }
  const idMatch = /^\d+/.exec(str.substring(i + 1));
  if (idMatch) {
    p.id = Number(idMatch[0]);
    i += idMatch[0].length;
  }
  if (i + 1 < str.length) {
    let payload;
    try {
      payload = JSON.parse(str.substring(i + 1));
    } catch (e) {
      throw new Error("invalid payload");
    }
    if (!isPayloadValid(p.type, payload)) throw new Error("invalid payload");
    p.data = payload;
  }
  return p;
}
