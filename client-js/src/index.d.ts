// Type declarations of Vertio's JavaScript client (Socket.IO v5 over Engine.IO v4).

export type Auth = Record<string, unknown> | ((cb: (data: Record<string, unknown>) => void) => void);

export interface ManagerOptions {
  /** Endpoint path, default "/socket.io". */
  path?: string;
  /** Extra query parameters of every Engine.IO request. */
  query?: Record<string, string>;
  /** Transports to use, the first to connect: default ["polling", "websocket"]. */
  transports?: Array<"polling" | "websocket">;
  /** Upgrade from polling to WebSocket when offered (default true). */
  upgrade?: boolean;
  /** Start with WebSocket when it worked before (default false). */
  rememberUpgrade?: boolean;
  /** Send cookies with cross-origin polling requests (default false). */
  withCredentials?: boolean;
  /** Extra headers (Node only for WebSocket). */
  extraHeaders?: Record<string, string>;
  /** Reconnect by itself (default true). */
  reconnection?: boolean;
  /** Attempts before giving up (default Infinity). */
  reconnectionAttempts?: number;
  /** First delay in ms (default 1000), doubled at each attempt. */
  reconnectionDelay?: number;
  /** Largest delay in ms (default 5000). */
  reconnectionDelayMax?: number;
  /** Jitter between 0 and 1 (default 0.5). */
  randomizationFactor?: number;
  /** Connection timeout in ms (default 20000). */
  timeout?: number;
  /** Connect at once (default true). */
  autoConnect?: boolean;
  /** A WebSocket implementation (Node without a global WebSocket and without `ws`). */
  WebSocket?: unknown;
}

export interface SocketOptions {
  /** CONNECT payload: an object, or a function called at each (re)connection. */
  auth?: Auth;
  /**
   * Re-send emits until the server acknowledges them, at most this many more times, one at a time
   * and in order (default 0: no queue). Acknowledgement callbacks then receive an error first.
   */
  retries?: number;
  /** Default timeout in ms of acknowledgements (each try, with retries); like timeout(ms). */
  ackTimeout?: number;
}

/** Why a connection closed, as the official clients word it. */
export declare const CloseReason: {
  readonly FORCED_CLOSE: "forced close";
  readonly TRANSPORT_CLOSE: "transport close";
  readonly TRANSPORT_ERROR: "transport error";
  readonly PING_TIMEOUT: "ping timeout";
  readonly PARSE_ERROR: "parse error";
};

export type Listener = (...args: any[]) => void;

export declare class Manager {
  constructor(uri: { hostname: string; port: string; secure: boolean }, opts?: ManagerOptions);
  readonly engine?: { readonly transport: { readonly name: string } };
  open(fn?: (err?: Error) => void): this;
  socket(nsp: string, opts?: SocketOptions): Socket;
  reconnection(v?: boolean): boolean | this;
  disconnect(): void;
  on(event: "open" | "ping" | "reconnect_failed", listener: () => void): this;
  on(event: "reconnect_attempt" | "reconnect", listener: (attempt: number) => void): this;
  on(event: "reconnect_error" | "error", listener: (err: Error) => void): this;
  on(event: "close", listener: (reason: string) => void): this;
  on(event: "upgrade", listener: (transport: string) => void): this;
  off(event?: string, listener?: Listener): this;
}

export declare class Socket {
  readonly io: Manager;
  readonly nsp: string;
  /** The socket id given by the server, while connected. */
  readonly id: string | undefined;
  readonly connected: boolean;
  readonly disconnected: boolean;
  /** True when the last connection restored the previous session. */
  readonly recovered: boolean;
  /** True while the socket wants to be connected (it reconnects). */
  readonly active: boolean;
  connect(): this;
  open(): this;
  disconnect(): this;
  close(): this;
  /** Emits an event; a function as last argument receives the acknowledgement. */
  emit(event: string, ...args: any[]): this;
  /** Emits and resolves with the acknowledgement (rejects on timeout when timeout() was set). */
  emitWithAck(event: string, ...args: any[]): Promise<any>;
  timeout(ms: number): this;
  readonly volatile: this;
  compress(compress: boolean): this;
  on(event: "connect", listener: () => void): this;
  on(event: "disconnect", listener: (reason: string, description?: unknown) => void): this;
  on(event: "connect_error", listener: (err: Error & { data?: unknown }) => void): this;
  on(event: string, listener: Listener): this;
  once(event: string, listener: Listener): this;
  off(event?: string, listener?: Listener): this;
  onAny(listener: (event: string, ...args: any[]) => void): this;
  prependAny(listener: (event: string, ...args: any[]) => void): this;
  offAny(listener?: (event: string, ...args: any[]) => void): this;
  listenersAny(): Array<(event: string, ...args: any[]) => void>;
  onAnyOutgoing(listener: (event: string, ...args: any[]) => void): this;
  offAnyOutgoing(listener?: (event: string, ...args: any[]) => void): this;
}

/** Connects to a namespace: the URL's path, "/" by default. */
export declare function io(
  uri?: string,
  opts?: ManagerOptions &
    SocketOptions & {
      forceNew?: boolean;
      multiplex?: boolean;
    },
): Socket;
export declare function io(opts: ManagerOptions & SocketOptions & { forceNew?: boolean }): Socket;
export declare const connect: typeof io;
export default io;
