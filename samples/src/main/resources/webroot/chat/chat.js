// Vertio chat page: plain JavaScript on the bundled client (window.io from /socket.io/vertio.min.js).
// Logs in (POST /api/login returns a JWT), connects to the /chat namespace with the token, and
// keeps a small client-side model of rooms, messages, members and typing indicators.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const MAX_IMAGE_BYTES = 400 * 1024;
  const MAX_MESSAGES_PER_ROOM = 200;

  const state = {
    token: sessionStorage.getItem("vertio.chat.token"),
    nickname: sessionStorage.getItem("vertio.chat.nickname"),
    wanted: JSON.parse(sessionStorage.getItem("vertio.chat.rooms") || '["general"]'),
    socket: null,
    rooms: new Map(),
    current: null,
    catchingUp: false,
    missed: 0,
    localIds: 0,
  };
  window.chat = state; // for the browser tests and for poking around in the console

  function room(name) {
    let r = state.rooms.get(name);
    if (!r) {
      r = { name, joined: false, messages: [], members: [], typing: new Map(), unread: 0, lastTs: 0 };
      state.rooms.set(name, r);
    }
    return r;
  }

  function saveWanted() {
    state.wanted = [...state.rooms.values()].filter((r) => r.joined).map((r) => r.name);
    sessionStorage.setItem("vertio.chat.rooms", JSON.stringify(state.wanted));
  }

  // ---- login -------------------------------------------------------------------------------
  $("login-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    $("login-error").textContent = "";
    try {
      const res = await fetch("/api/login", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ nickname: $("nickname").value }),
      });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error || "login failed");
      state.token = body.token;
      state.nickname = body.nickname;
      sessionStorage.setItem("vertio.chat.token", body.token);
      sessionStorage.setItem("vertio.chat.nickname", body.nickname);
      start();
    } catch (err) {
      $("login-error").textContent = err.message;
    }
  });

  function logout(message) {
    if (state.socket) state.socket.disconnect();
    state.socket = null;
    sessionStorage.removeItem("vertio.chat.token");
    state.token = null;
    state.rooms.clear();
    state.current = null;
    $("app").hidden = true;
    $("login").hidden = false;
    $("login-error").textContent = message || "";
  }
  $("logout").addEventListener("click", () => logout());
  $("reconnect").addEventListener("click", () => state.socket && state.socket.connect());

  // ---- connection --------------------------------------------------------------------------
  function start() {
    $("login").hidden = true;
    $("app").hidden = false;
    $("me").textContent = state.nickname;
    const socket = io("/chat", { auth: (cb) => cb({ token: state.token }) });
    state.socket = socket;

    socket.on("connect", () => {
      setStatus("connected");
      showTransport();
      $("offline-banner").hidden = true;
      $("kicked-banner").hidden = true;
      state.catchingUp = socket.recovered;
      state.missed = 0;
    });
    socket.io.on("upgrade", showTransport);
    socket.on("disconnect", (reason) => {
      setStatus("offline");
      state.disconnectReason = reason;
      if (reason === "io server disconnect") {
        // The server (e.g. an administrator in the Admin UI) disconnected this page on purpose:
        // say so, and reconnect only when asked.
        $("kicked-banner").hidden = false;
        return;
      }
      $("offline-banner").hidden = false;
    });
    socket.on("connect_error", (err) => {
      if (err.message === "invalid token" || err.message === "missing token") {
        logout("Your session has ended, please log in again.");
        return;
      }
      setStatus("offline");
      $("offline-banner").hidden = false;
    });

    socket.on("ready", (info) => {
      renderRoomList(info.rooms);
      if (info.recovered) {
        state.catchingUp = false;
        info.joined.forEach((name) => (room(name).joined = true));
        notice(state.missed > 0
          ? `Back online: ${state.missed} missed message${state.missed > 1 ? "s" : ""} restored.`
          : "Back online.");
      } else {
        state.wanted.forEach((name) => join(name, name === state.current || !state.current));
      }
      render();
    });
    socket.on("rooms", renderRoomList);
    socket.on("members", ({ room: name, members }) => {
      room(name).members = members;
      if (name === state.current) renderMembers();
    });
    socket.on("message", (m) => {
      const missed = state.catchingUp;
      if (missed) state.missed++;
      addMessage(m.room, { ...m, missed });
    });
    socket.on("typing", ({ room: name, nickname, typing }) => {
      const r = room(name);
      clearTimeout(r.typing.get(nickname));
      if (typing) r.typing.set(nickname, setTimeout(() => { r.typing.delete(nickname); renderTyping(); }, 3000));
      else r.typing.delete(nickname);
      renderTyping();
    });
  }

  function setStatus(s) {
    const el = $("status");
    el.textContent = s;
    el.className = "status-" + s;
  }

  function showTransport() {
    const engine = state.socket && state.socket.io.engine;
    $("transport").textContent = engine && engine.transport ? engine.transport.name : "-";
  }

  function notice(text) {
    const el = $("notice");
    el.textContent = text;
    el.hidden = false;
    clearTimeout(notice.timer);
    notice.timer = setTimeout(() => (el.hidden = true), 8000);
  }

  // ---- rooms -------------------------------------------------------------------------------
  function join(name, select) {
    state.socket.timeout(10000).emit("join", name, (err, res) => {
      if (err || res.error) {
        notice(`Cannot join ${name}: ${err ? err.message : res.error}`);
        return;
      }
      const r = room(name);
      const mine = r.messages.filter((m) => m.mine && m.status !== "delivered");
      let missed = 0;
      r.messages = res.history.map((m) => {
        const isMine = m.from === state.nickname;
        const wasMissed = r.lastTs > 0 && m.ts > r.lastTs && !isMine;
        if (wasMissed) missed++;
        return { ...m, mine: isMine, status: isMine ? "delivered" : undefined, missed: wasMissed };
      }).concat(mine);
      r.lastTs = Math.max(r.lastTs, ...res.history.map((m) => m.ts));
      r.members = res.members;
      r.joined = true;
      if (missed > 0) notice(`Back online: ${missed} missed message${missed > 1 ? "s" : ""} in #${name}.`);
      saveWanted();
      if (select || !state.current) state.current = name;
      render();
    });
  }

  $("join-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const name = $("room-name").value.trim().toLowerCase();
    if (!name) return;
    $("room-name").value = "";
    if (room(name).joined) select(name);
    else join(name, true);
  });

  $("leave").addEventListener("click", () => {
    const name = state.current;
    if (!name) return;
    state.socket.timeout(10000).emit("leave", name, () => {
      const r = room(name);
      r.joined = false;
      r.messages = [];
      saveWanted();
      const next = [...state.rooms.values()].find((x) => x.joined);
      state.current = next ? next.name : null;
      render();
    });
  });

  function select(name) {
    state.current = name;
    room(name).unread = 0;
    render();
  }

  function renderRoomList(names) {
    if (names) names.forEach((n) => room(n));
    const ul = $("rooms");
    ul.replaceChildren(...[...state.rooms.values()].map((r) => {
      const li = document.createElement("li");
      li.dataset.room = r.name;
      li.textContent = "#" + r.name;
      li.classList.toggle("joined", r.joined);
      li.classList.toggle("active", r.name === state.current);
      if (r.unread > 0) {
        const badge = document.createElement("span");
        badge.className = "unread";
        badge.textContent = r.unread;
        li.append(badge);
      }
      li.addEventListener("click", () => (r.joined ? select(r.name) : join(r.name, true)));
      return li;
    }));
  }

  // ---- messages ----------------------------------------------------------------------------
  function addMessage(name, m) {
    const r = room(name);
    if (m.id && r.messages.some((x) => x.id === m.id)) return;
    r.messages.push(m);
    if (r.messages.length > MAX_MESSAGES_PER_ROOM) r.messages.shift();
    if (m.ts) r.lastTs = Math.max(r.lastTs, m.ts);
    if (m.from && r.typing.has(m.from)) { clearTimeout(r.typing.get(m.from)); r.typing.delete(m.from); }
    if (name === state.current) { renderMessages(); renderTyping(); }
    else { r.unread++; renderRoomList(); }
  }

  function send(event, payload, local) {
    const socket = state.socket;
    addMessage(local.room, local);
    const done = (err, res) => {
      if (err || (res && res.error)) {
        local.status = "failed";
        local.error = err ? "not delivered (" + err.message + ")" : res.error;
      } else {
        local.status = "delivered";
        local.id = res.id;
        local.ts = res.ts;
        room(local.room).lastTs = Math.max(room(local.room).lastTs, res.ts);
      }
      if (local.room === state.current) renderMessages();
    };
    if (socket.connected) socket.timeout(10000).emit(event, payload, done);
    else { local.status = "queued"; socket.emit(event, payload, (res) => done(null, res)); }
    if (local.room === state.current) renderMessages();
  }

  function localMessage(extra) {
    return { id: "local-" + ++state.localIds, room: state.current, from: state.nickname,
      ts: Date.now(), mine: true, status: "sending", ...extra };
  }

  $("composer").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("text").value;
    if (!text.trim() || !state.current) return;
    $("text").value = "";
    stopTyping();
    send("message", { room: state.current, text }, localMessage({ text }));
  });

  $("image").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file || !state.current) return;
    if (file.size > MAX_IMAGE_BYTES) { notice(`Images are limited to ${MAX_IMAGE_BYTES / 1024} KiB.`); return; }
    const data = await file.arrayBuffer();
    const image = { name: file.name, type: file.type || "image/png", data };
    send("image", { room: state.current, ...image }, localMessage({ image }));
  });

  // ---- typing ------------------------------------------------------------------------------
  let typingRoom = null;
  let typingTimer = null;
  $("text").addEventListener("input", () => {
    if (!state.current || !state.socket || !state.socket.connected) return;
    if (typingRoom !== state.current) {
      stopTyping();
      typingRoom = state.current;
      state.socket.emit("typing", { room: typingRoom, typing: true });
    }
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, 2000);
  });

  function stopTyping() {
    clearTimeout(typingTimer);
    if (typingRoom && state.socket) state.socket.emit("typing", { room: typingRoom, typing: false });
    typingRoom = null;
  }

  // ---- rendering ---------------------------------------------------------------------------
  function render() {
    renderRoomList();
    $("room-title").textContent = state.current ? "#" + state.current : "No room";
    renderMessages();
    renderMembers();
    renderTyping();
  }

  function renderMessages() {
    const list = $("messages");
    const r = state.current ? room(state.current) : null;
    list.replaceChildren(...(r ? r.messages : []).map(messageElement));
    list.scrollTop = list.scrollHeight;
  }

  function messageElement(m) {
    const li = document.createElement("li");
    li.className = "message" + (m.mine ? " mine" : "") + (m.missed ? " missed" : "");
    li.dataset.id = m.id;
    const from = document.createElement("span");
    from.className = "from";
    from.textContent = m.from;
    li.append(from);
    if (m.text !== undefined) {
      const text = document.createElement("span");
      text.className = "text";
      text.textContent = m.text;
      li.append(text);
    }
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = new Date(m.ts).toLocaleTimeString();
    li.append(meta);
    if (m.mine) {
      const status = document.createElement("span");
      status.className = "meta status " + m.status;
      status.textContent = { sending: "sending…", queued: "queued (offline)", delivered: "✓ delivered",
        failed: "✗ " + (m.error || "failed") }[m.status] || "";
      li.append(status);
    }
    if (m.missed) {
      const label = document.createElement("span");
      label.className = "missed-label";
      label.textContent = "missed while offline";
      li.append(label);
    }
    if (m.image) {
      if (!m.image.url) m.image.url = URL.createObjectURL(new Blob([m.image.data], { type: m.image.type }));
      const img = document.createElement("img");
      img.src = m.image.url;
      img.alt = m.image.name;
      li.append(img);
    }
    return li;
  }

  function renderMembers() {
    const r = state.current ? room(state.current) : null;
    $("members").replaceChildren(...(r ? r.members : []).map((name) => {
      const li = document.createElement("li");
      li.textContent = name;
      return li;
    }));
  }

  function renderTyping() {
    const r = state.current ? room(state.current) : null;
    const names = r ? [...r.typing.keys()] : [];
    $("typing").textContent = names.length === 0 ? ""
      : names.join(", ") + (names.length === 1 ? " is typing…" : " are typing…");
  }

  if (state.token) start();
})();
