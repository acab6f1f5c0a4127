// Vertio coins: the game page. Connects to /match-<n>, sends its keyboard state as `input`
// events and draws the world from the server's volatile `state` broadcasts.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const ctx = $("canvas").getContext("2d");
  const game = { socket: null, me: null, match: null, state: { players: [], coins: [] }, frames: 0 };
  window.game = game; // for the browser tests

  const params = new URLSearchParams(location.search);
  $("name").value = params.get("name") || sessionStorage.getItem("vertio.game.name") || "";
  $("match").value = params.get("match") || "1";
  $("join-form").addEventListener("submit", (e) => {
    e.preventDefault();
    play($("name").value.trim(), Number($("match").value));
  });

  function play(name, match) {
    if (game.socket) game.socket.disconnect();
    sessionStorage.setItem("vertio.game.name", name);
    $("error").textContent = "";
    const socket = io("/match-" + match, { auth: { name } });
    game.socket = socket;
    socket.on("connect", () => ($("status").textContent = "connecting to match " + match + "…"));
    socket.on("welcome", (w) => {
      game.me = w.id;
      game.match = w.match;
      game.state = w.state;
      showStatus();
    });
    socket.io.on("upgrade", showStatus);
    socket.on("state", (s) => { game.state = s; game.frames++; });
    socket.on("left", ({ id }) => {
      game.state = { ...game.state, players: game.state.players.filter((p) => p.id !== id) };
    });
    socket.on("disconnect", () => ($("status").textContent = "offline, reconnecting…"));
    socket.on("connect_error", (err) => ($("error").textContent = err.message));
  }

  function showStatus() {
    const engine = game.socket && game.socket.io.engine;
    if (game.match && engine) $("status").textContent = `playing in ${game.match} (${engine.transport.name})`;
  }

  // ---- input -------------------------------------------------------------------------------
  const keys = { up: false, down: false, left: false, right: false };
  const bindings = { ArrowUp: "up", KeyW: "up", ArrowDown: "down", KeyS: "down",
    ArrowLeft: "left", KeyA: "left", ArrowRight: "right", KeyD: "right" };
  function onKey(e, down) {
    const k = bindings[e.code];
    if (!k || document.activeElement.tagName === "INPUT") return;
    e.preventDefault();
    if (keys[k] === down) return;
    keys[k] = down;
    if (game.socket && game.socket.connected) game.socket.emit("input", keys);
  }
  addEventListener("keydown", (e) => onKey(e, true));
  addEventListener("keyup", (e) => onKey(e, false));
  addEventListener("blur", () => Object.keys(keys).forEach((k) => onKey({ code: "", preventDefault() {} }, false)));

  // ---- drawing -----------------------------------------------------------------------------
  function draw() {
    const { players, coins } = game.state;
    ctx.clearRect(0, 0, 800, 500);
    ctx.fillStyle = "#f2c230";
    for (const [x, y] of coins) {
      ctx.beginPath();
      ctx.arc(x, y, 9, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.textAlign = "center";
    ctx.font = "12px system-ui";
    for (const p of players) {
      ctx.fillStyle = p.color;
      ctx.beginPath();
      ctx.arc(p.x, p.y, 14, 0, Math.PI * 2);
      ctx.fill();
      if (p.id === game.me) {
        ctx.strokeStyle = "#fff";
        ctx.lineWidth = 3;
        ctx.stroke();
      }
      ctx.fillStyle = "#e8ecf5";
      ctx.fillText(p.name, p.x, p.y - 20);
    }
    $("scores").replaceChildren(...[...players].sort((a, b) => b.score - a.score).map((p) => {
      const li = document.createElement("li");
      li.textContent = `${p.name}: ${p.score}`;
      li.style.color = p.color;
      return li;
    }));
    requestAnimationFrame(draw);
  }
  requestAnimationFrame(draw);

  if (params.get("name") && params.get("match")) play(params.get("name"), Number(params.get("match")));
})();
