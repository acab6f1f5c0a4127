// The official Node.js socket.io server the bench measures side by side with Vertio.
// Same handlers as dev.vertio.bench.server.VertioBenchServer:
//   "ack" acknowledged with its own arguments; "join" joins the room "room" then acknowledges;
//   "broadcast" emits "bcast" with the same arguments to the room;
//   "ask-me" emits "ask" to the socket with an acknowledgement awaited for 60 s.
// Prints "LISTENING <port>"; answers the stdin line "STATS" with heap figures after a full GC,
// "STATE" with what it holds (engine sessions, connected sockets, rooms, sessions stored for
// recovery and packets logged for recovery: the SessionAwareAdapter's own maps), and "RESTART"
// with io.close() (sockets end as "server shutting down") and a new server on the same port:
// "RESTARTED <ms>".
// Run: node --expose-gc server.mjs --port P --ping-interval 25000 --ping-timeout 20000
//   [--recovery MS] [--max-buffered-bytes N]
// --recovery turns connectionStateRecovery on with that maxDisconnectionDuration;
// --max-buffered-bytes is Vertio's slow-consumer limit: socket.io has none, it is ignored here.
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { Server } from 'socket.io';

function arg(name, def) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

const port = arg('--port', 3000);
let httpServer;
let io;
const recovery = arg('--recovery', 0);

function start(onListening) {
  httpServer = createServer();
  io = new Server(httpServer, {
    pingInterval: arg('--ping-interval', 25000),
    pingTimeout: arg('--ping-timeout', 20000),
    ...(recovery > 0 ? {
      connectionStateRecovery: { maxDisconnectionDuration: recovery, skipMiddlewares: true },
    } : {}),
  });
  io.on('connection', onConnection);
  httpServer.listen(port, '127.0.0.1', onListening);
}

function onConnection(socket) {
  socket.on('ack', (...args) => {
    const cb = args.pop();
    if (typeof cb === 'function') cb(...args);
  });
  socket.on('join', (...args) => {
    socket.join('room');
    const cb = args.pop();
    if (typeof cb === 'function') cb();
  });
  socket.on('broadcast', (...args) => {
    if (typeof args[args.length - 1] === 'function') args.pop();
    io.to('room').emit('bcast', ...args);
  });
  socket.on('ask-me', (...args) => {
    if (typeof args[args.length - 1] === 'function') args.pop();
    socket.timeout(60000).emit('ask', () => {});
  });
}

start(() => {
  process.stdout.write(`LISTENING ${port}\n`);
});

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'STATS') {
    for (let i = 0; i < 3; i++) global.gc();
    const m = process.memoryUsage();
    process.stdout.write(`STATS ${JSON.stringify({ heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers })}\n`);
  } else if (line === 'RESTART') {
    const t0 = Date.now();
    // io.close() ends every socket, then closes the HTTP server; its callback runs once the
    // port is free.
    io.close(() => start(() => process.stdout.write(`RESTARTED ${Date.now() - t0}\n`)));
  } else if (line === 'STATE') {
    const adapter = io.of('/').adapter;
    process.stdout.write(`STATE ${JSON.stringify({
      sessions: io.engine.clientsCount,
      sockets: io.of('/').sockets.size,
      rooms: adapter.rooms.size,
      stored: adapter.sessions ? adapter.sessions.size : 0,
      logged: adapter.packets ? adapter.packets.length : 0,
    })}\n`);
  } else if (line === 'EXIT') {
    io.close();
    process.exit(0);
  }
});
