/** Engine.IO revision 4 packets and long-polling payloads. */
export const PACKET_TYPES = {
  open: "0",
  close: "1",
  ping: "2",
  pong: "3",
  message: "4",
  upgrade: "5",
  noop: "6",
};
const TYPE_NAMES = Object.fromEntries(Object.entries(PACKET_TYPES).map(([k, v]) => [v, k]));
export const SEPARATOR = "\x1e";

export function isBinary(data) {
  return data instanceof ArrayBuffer || ArrayBuffer.isView(data);
}

function toBase64(bytes) {
  if (typeof Buffer !== "undefined")
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
}

function fromBase64(text) {
  if (typeof Buffer !== "undefined") {
    const b = Buffer.from(text, "base64");
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  }
  const s = atob(text.replace(/\s/g, ""));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out.buffer;
}

export function asUint8(data) {
  return data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A text packet as a string; binary packets are left to the transport (frame or base64). */
export function encodePacket(packet) {
  return PACKET_TYPES[packet.type] + (packet.data === undefined ? "" : packet.data);
}

/** One record of a polling payload: text as is, binary as "b" + base64. */
export function encodeRecord(packet) {
  if (isBinary(packet.data)) return "b" + toBase64(asUint8(packet.data));
  return encodePacket(packet);
}

export function decodePacket(data) {
  if (typeof data !== "string") return { type: "message", data };
  if (data.length === 0) return { type: "error", data: "parser error" };
  if (data[0] === "b") return { type: "message", data: fromBase64(data.substring(1)) };
  const type = TYPE_NAMES[data[0]];
  if (!type) return { type: "error", data: "parser error" };
  return data.length > 1 ? { type, data: data.substring(1) } : { type };
}

export function encodePayload(packets) {
  return packets.map(encodeRecord).join(SEPARATOR);
}

export function decodePayload(payload) {
  const packets = [];
  for (const record of payload.split(SEPARATOR)) {
    const p = decodePacket(record);
    packets.push(p);
    if (p.type === "error") break;
  }
  return packets;
}
