/* quizgen live: the student, teacher and projector pages. No library, no external resource.
   Every text that comes from a user or the quiz is shown with textContent, never as HTML. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("qgl-config").textContent);
  var S = config.strings;
  var view = config.view;
  var room = config.room;
  var app = document.getElementById("app");
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  function el(tag, attrs) {
    var node = document.createElement(tag);
    var key;
    attrs = attrs || {};
    for (key in attrs) {
      if (!Object.prototype.hasOwnProperty.call(attrs, key) || attrs[key] === null || attrs[key] === undefined) continue;
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else if (key === "disabled" || key === "checked" || key === "selected" || key === "required") node[key] = !!attrs[key];
      else node.setAttribute(key, attrs[key]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function pct(share) {
    return Math.round(share * 100) + " %";
  }

  function clauseLinks(clauses) {
    var box = el("span", { className: "qgl-clauses" });
    clauses.forEach(function (c, i) {
      if (i) box.appendChild(document.createTextNode(", "));
      var label = "§\u00a0" + c.id;
      if (c.url) box.appendChild(el("a", { href: c.url, target: "_blank", rel: "noopener", text: S.clause + " " + c.id }));
      else box.appendChild(el("span", { text: label }));
    });
    return box;
  }

  /* -- the socket, with reconnection ---------------------------------------------------------------------- */

  var socket = null;
  var retry = 500;
  var stopped = false;
  var onMessage = function () {};
  var onOpen = function () {};
  var status = el("p", { className: "qgl-status", role: "status", "aria-live": "polite" });

  function setStatus(online) {
    status.textContent = online ? S.online : S.offline;
    status.className = "qgl-status " + (online ? "qgl-online" : "qgl-offline");
  }

  function connect() {
    if (stopped) return;
    var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    var ws = new WebSocket(url);
    socket = ws;
    ws.onopen = function () {
      retry = 500;
      setStatus(true);
      onOpen();
    };
    ws.onmessage = function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      onMessage(data);
    };
    ws.onclose = function () {
      if (socket === ws) socket = null;
      setStatus(false);
      if (!stopped) setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  }

  function send(data) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(data));
      return true;
    }
    return false;
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && !socket && !stopped) { retry = 500; connect(); }
  });

  /* -- the clock ---------------------------------------------------------------------------------------------- */

  var clock = { end: 0, node: null, running: false };

  function setClock(state) {
    clock.running = state.phase === "question";
    clock.end = performance.now() + state.left * 1000;
    clock.left = state.left;
  }

  function clockText() {
    var left = clock.running ? Math.max(0, Math.ceil((clock.end - performance.now()) / 1000)) : Math.ceil(clock.left || 0);
    return left + "\u00a0" + S.seconds;
  }

  setInterval(function () {
    if (clock.node && clock.running) clock.node.textContent = clockText();
  }, 250);

  function timer() {
    var node = el("span", { className: "qgl-time-value", text: clockText() });
    clock.node = node;
    return el("p", { className: "qgl-timer" }, el("span", { className: "qgl-label", text: S.time_left + " : " }), node);
  }

  function alertBox() {
    return el("p", { className: "qgl-alert", role: "alert", id: "qgl-alert" });
  }

  function showAlert(text) {
    var box = document.getElementById("qgl-alert");
    if (box) box.textContent = text;
  }

  /* -- bar chart (plain HTML bars) -------------------------------------------------------------------------- */

  function bars(stats) {
    var total = stats.answered || 0;
    var list = el("ul", { className: "qgl-bars", "aria-label": S.distribution });
    stats.labels.forEach(function (label, i) {
      var n = stats.counts[i];
      var good = stats.good.indexOf(i) >= 0;
      var fill = el("span", { className: "qgl-bar-fill" });
      fill.style.width = (total ? Math.round((n / total) * 100) : 0) + "%";
      var name = (stats.letters ? LETTERS[i] + ". " : "") + label;
      list.appendChild(el("li", { className: "qgl-bar" + (good ? " qgl-good" : "") },
        el("span", { className: "qgl-bar-label" }, (good ? "✓ " : "") + name),
        el("span", { className: "qgl-bar-track", "aria-hidden": "true" }, fill),
        el("span", { className: "qgl-bar-count", text: String(n) })));
    });
    var share = total ? stats.right / total : 0;
    return el("div", { className: "qgl-chart" },
      el("h3", { text: S.distribution }), list,
      el("p", { className: "qgl-share" }, S.share_right + " : ", el("strong", { text: pct(share) }),
        " (" + stats.right + "/" + total + ")"));
  }

  function questionBlock(state, headingLevel) {
    var q = state.question;
    var box = el("section", { className: "qgl-question", "aria-labelledby": "qgl-prompt" });
    box.appendChild(el("p", { className: "qgl-number", text: S.question + " " + (state.index + 1) + " " + S.of + " " + state.total }));
    box.appendChild(el(headingLevel || "h2", { id: "qgl-prompt", className: "qgl-prompt", tabindex: "-1", text: q.prompt }));
    return box;
  }

  function summary(data, staff) {
    var box = el("section", { className: "qgl-summary" });
    var table = el("table", { className: "qgl-results" },
      el("caption", { text: S.results }),
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: S.number }), el("th", { scope: "col", text: S.question }),
        el("th", { scope: "col", text: S.answers_col }), el("th", { scope: "col", text: S.share_right }))));
    var body = el("tbody");
    data.results.forEach(function (r) {
      body.appendChild(el("tr", {}, el("th", { scope: "row", text: String(r.number) }), el("td", { text: r.prompt }),
        el("td", { text: String(r.answered) }), el("td", { text: pct(r.share) })));
    });
    table.appendChild(body);
    box.appendChild(table);
    if (data.missed.length) {
      var list = el("ol", { className: "qgl-missed" });
      data.missed.forEach(function (m) {
        list.appendChild(el("li", {}, el("span", { text: S.question + " " + m.number + " — " + pct(m.share) + " — " }),
          el("span", { text: m.prompt + " " }), clauseLinks(m.clauses)));
      });
      box.appendChild(el("h3", { text: S.most_missed }));
      box.appendChild(list);
    }
    if (staff && data.podium.length) {
      var podium = el("ol", { className: "qgl-podium" });
      data.podium.forEach(function (p) {
        podium.appendChild(el("li", {}, el("span", { text: p.name }), " — " + p.score));
      });
      box.appendChild(el("h3", { text: S.podium }));
      box.appendChild(podium);
    }
    return box;
  }

  /* -- student ------------------------------------------------------------------------------------------------- */

  function student() {
    var storeKey = "quizgen-live-" + room;
    var client = null;
    try { client = localStorage.getItem(storeKey); } catch (e) { client = null; }
    var name = "";
    var drafts = {};
    var last = null;
    var shownIndex = null;
    var header = el("header", { className: "qgl-header" }, el("h1", { text: S.title }), status);
    var who = el("p", { className: "qgl-who" });
    var body = el("div", { className: "qgl-body" });
    app.appendChild(header);
    app.appendChild(who);
    app.appendChild(alertBox());
    app.appendChild(body);

    if (!room) {
      var codeInput = el("input", { id: "qgl-room", name: "room", inputmode: "numeric", autocomplete: "off", maxlength: "8", required: true });
      var roomForm = el("form", { className: "qgl-form" },
        el("label", { for: "qgl-room", text: S.room }), codeInput,
        el("button", { type: "submit", className: "qgl-btn qgl-main", text: S.join }));
      roomForm.addEventListener("submit", function (e) {
        e.preventDefault();
        var code = codeInput.value.replace(/\s+/g, "");
        if (/^[0-9A-Za-z]{1,8}$/.test(code)) location.href = "/s/" + encodeURIComponent(code);
      });
      body.appendChild(roomForm);
      return;
    }

    function joinForm(message) {
      clear(body);
      who.textContent = "";
      var input = el("input", { id: "qgl-name", name: "name", maxlength: "24", autocomplete: "off", required: true,
        "aria-describedby": "qgl-name-help" });
      var form = el("form", { className: "qgl-form" },
        el("label", { for: "qgl-name", text: S.pseudonym }), input,
        el("p", { id: "qgl-name-help", className: "qgl-help", text: S.pseudonym_help }),
        el("button", { type: "submit", className: "qgl-btn qgl-main", text: S.join }));
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        send({ t: "join", room: room, name: input.value });
      });
      if (message) showAlert(message);
      body.appendChild(form);
      input.focus();
    }

    function answerForm(state) {
      var q = state.question;
      var open = state.phase === "question";
      var idx = state.index;
      var current = drafts[idx] || state.mine || null;
      var form = el("form", { className: "qgl-form qgl-answer" });
      function pick() {
        var picked = [];
        if (q.form === "matching" || q.form === "ordering") {
          var selects = form.querySelectorAll("select");
          for (var i = 0; i < selects.length; i++) picked.push(selects[i].value === "" ? -1 : parseInt(selects[i].value, 10));
        } else {
          var boxes = form.querySelectorAll("input");
          for (var j = 0; j < boxes.length; j++) if (boxes[j].checked) picked.push(j);
        }
        return picked;
      }
      if (q.form === "matching" || q.form === "ordering") {
        var listed = el("ol", { className: "qgl-options qgl-listed", type: "A" });
        q.options.forEach(function (opt, k) {
          listed.appendChild(el("li", {}, el("span", { className: "qgl-letter", "aria-hidden": "true", text: LETTERS[k] }),
            el("span", { text: opt })));
        });
        form.appendChild(listed);
        var rows = q.form === "matching" ? q.stems : q.options.map(function (_o, i) { return S.position + " " + (i + 1); });
        rows.forEach(function (label, i) {
          var id = "qgl-sel-" + i;
          var select = el("select", { id: id, disabled: !open }, el("option", { value: "", text: S.choose }));
          q.options.forEach(function (opt, k) {
            select.appendChild(el("option", { value: String(k), text: LETTERS[k] + ". " + opt, selected: current && current[i] === k }));
          });
          form.appendChild(el("div", { className: "qgl-row" }, el("label", { for: id, text: label }), select));
        });
      } else {
        var fieldset = el("fieldset", {}, el("legend", { className: q.multi ? "qgl-legend" : "qgl-legend qgl-visually-hidden",
          text: q.multi ? S.several : S.your_answer }));
        q.options.forEach(function (opt, k) {
          var id = "qgl-opt-" + k;
          var input = el("input", { type: q.multi ? "checkbox" : "radio", name: "qgl-opt", id: id, value: String(k),
            disabled: !open, checked: current && current.indexOf(k) >= 0 });
          fieldset.appendChild(el("div", { className: "qgl-option" }, input,
            el("label", { for: id }, el("span", { className: "qgl-letter", text: LETTERS[k] }), el("span", { text: opt }))));
        });
        form.appendChild(fieldset);
      }
      form.addEventListener("change", function () { drafts[idx] = pick(); });
      var saved = el("p", { className: "qgl-saved", id: "qgl-saved", "aria-live": "polite",
        text: state.mine ? S.saved : "" });
      form.appendChild(el("button", { type: "submit", className: "qgl-btn qgl-main", disabled: !open,
        text: state.mine ? S.change : S.answer }));
      form.appendChild(saved);
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var picked = pick();
        if (!picked.length || picked.indexOf(-1) >= 0) return;
        send({ t: "answer", q: idx, a: picked });
      });
      return form;
    }

    function render(state) {
      last = state;
      setClock(state);
      clock.node = null;
      clear(body);
      showAlert("");
      who.textContent = S.joined_as + " « " + name + " »";
      if (state.phase === "lobby") {
        body.appendChild(el("p", { className: "qgl-wait", text: S.waiting }));
      } else if (state.phase === "ended") {
        body.appendChild(el("h2", { text: S.ended, tabindex: "-1", id: "qgl-prompt" }));
        if (state.score) body.appendChild(el("p", { className: "qgl-score" }, S.score + " : ",
          el("strong", { text: state.score.right + " / " + state.score.total })));
      } else if (state.question) {
        var box = questionBlock(state);
        if (state.phase === "question" || state.phase === "paused") box.appendChild(timer());
        if (state.phase === "paused") box.appendChild(el("p", { className: "qgl-paused", text: S.paused }));
        if (state.phase === "closed") box.appendChild(el("p", { className: "qgl-closed", text: S.time_up }));
        if (state.phase === "revealed" && state.reveal) {
          var r = state.reveal;
          box.appendChild(el("p", { className: "qgl-verdict " + (r.right ? "qgl-right" : "qgl-wrong"),
            id: "qgl-verdict", tabindex: "-1", text: r.answered ? (r.right ? S.right : S.wrong) : S.no_answer }));
          box.appendChild(el("p", { className: "qgl-key" }, el("strong", { text: S.key + " : " }), el("span", { text: r.key })));
          if (r.feedback) box.appendChild(el("p", { className: "qgl-feedback" }, el("strong", { text: S.feedback + " : " }), el("span", { text: r.feedback })));
          box.appendChild(el("p", {}, clauseLinks(r.clauses)));
        } else {
          box.appendChild(answerForm(state));
        }
        body.appendChild(box);
      }
      if (shownIndex !== state.index + state.phase) {
        shownIndex = state.index + state.phase;
        // move the focus (and a screen reader) to what changed: the new question, the verdict, the end
        var target = document.getElementById(state.phase === "revealed" ? "qgl-verdict" : "qgl-prompt");
        if (target && state.phase !== "paused" && state.phase !== "closed") target.focus({ preventScroll: false });
      }
    }

    onOpen = function () {
      send({ t: "hello", role: "student", room: room, client: client });
    };
    onMessage = function (m) {
      if (m.t === "need_name") {
        client = null;
        try { localStorage.removeItem(storeKey); } catch (e) { /* private mode */ }
        joinForm(m.removed ? S.removed : "");
      } else if (m.t === "welcome") {
        client = m.client;
        name = m.name;
        try { localStorage.setItem(storeKey, client); } catch (e) { /* private mode: no resume */ }
      } else if (m.t === "state") {
        render(m);
      } else if (m.t === "ack") {
        if (last && last.index === m.q) {
          last.mine = m.a;
          drafts[m.q] = m.a;
          var saved = document.getElementById("qgl-saved");
          if (saved) saved.textContent = S.saved;
          var button = body.querySelector("button[type=submit]");
          if (button) button.textContent = S.change;
        }
      } else if (m.t === "removed") {
        client = null;
        try { localStorage.removeItem(storeKey); } catch (e) { /* private mode */ }
        joinForm(S.removed);
      } else if (m.t === "error") {
        showAlert(m.message);
        if (m.code === "room") stopped = true;
      }
    };
    connect();
  }

  /* -- teacher and projector ---------------------------------------------------------------------------------- */

  function staff(isTeacher) {
    var token = "";
    var match = /(?:^#|&)cle=([^&]+)/.exec(location.hash);
    if (match) token = decodeURIComponent(match[1]);
    var joinBlock = document.getElementById("qgl-join");
    var header = el("header", { className: "qgl-header" }, el("h1", { id: "qgl-title", text: S.title }), status);
    var counts = el("p", { className: "qgl-counts", "aria-live": "polite" });
    var body = el("div", { className: "qgl-body" });
    var side = el("div", { className: "qgl-side" });
    app.insertBefore(header, app.firstChild);
    app.appendChild(alertBox());
    app.appendChild(counts);
    app.appendChild(body);
    if (isTeacher) app.appendChild(side);
    var last = null;

    function showCounts(joined, answered, phase) {
      var text = joined + " " + S.joined;
      if (phase === "question" || phase === "paused" || phase === "closed" || phase === "revealed") {
        text += " · " + answered + "/" + joined + " " + S.answered;
      }
      counts.textContent = text;
    }

    function button(what, label, enabled) {
      var b = el("button", { type: "button", className: "qgl-btn" + (what === "next" || what === "start" ? " qgl-main" : ""),
        "data-do": what, disabled: !enabled, text: label });
      b.addEventListener("click", function () {
        if (what === "end" && !window.confirm(S.end + " ?")) return;
        send({ t: "cmd", do: what });
      });
      return b;
    }

    function controls(state) {
      var p = state.phase;
      var bar = el("div", { className: "qgl-controls", role: "group", "aria-label": S.control });
      bar.appendChild(button("start", S.start, p === "lobby"));
      bar.appendChild(button("reveal", S.reveal, p === "question" || p === "paused" || p === "closed"));
      bar.appendChild(button("next", S.next, p === "question" || p === "paused" || p === "closed" || p === "revealed"));
      if (p === "paused") bar.appendChild(button("resume", S.resume, true));
      else bar.appendChild(button("pause", S.pause, p === "question"));
      bar.appendChild(button("end", S.end, p !== "ended"));
      return bar;
    }

    function people(state) {
      clear(side);
      side.appendChild(el("h2", { text: S.students + " (" + state.students.length + ")" }));
      if (!state.students.length) side.appendChild(el("p", { text: S.nobody }));
      var list = el("ul", { className: "qgl-people" });
      state.students.forEach(function (s) {
        var remove = el("button", { type: "button", className: "qgl-btn qgl-small", text: S.remove,
          "aria-label": S.remove + " " + s.name });
        remove.addEventListener("click", function () {
          if (window.confirm(S.remove + " « " + s.name + " » ?")) send({ t: "cmd", do: "remove", client: s.id });
        });
        list.appendChild(el("li", { "data-client": s.id, className: s.answered ? "qgl-done" : "" },
          el("span", { className: "qgl-tick", "aria-hidden": "true", text: s.answered ? "✓" : "·" }),
          el("span", { className: "qgl-name", text: s.name }), remove));
      });
      side.appendChild(list);
      var exp = el("button", { type: "button", className: "qgl-btn", text: S.export });
      exp.addEventListener("click", function () { send({ t: "cmd", do: "export" }); });
      side.appendChild(exp);
      if (state.exported && state.exported.length) {
        var files = el("ul", { className: "qgl-files" });
        state.exported.forEach(function (f) { files.appendChild(el("li", {}, el("code", { text: f }))); });
        side.appendChild(el("p", { text: S.exported }));
        side.appendChild(files);
      }
    }

    function render(state) {
      last = state;
      setClock(state);
      clock.node = null;
      clear(body);
      document.getElementById("qgl-title").textContent = S.title + " — " + state.title;
      showCounts(state.joined, state.answered || 0, state.phase);
      if (joinBlock) {
        joinBlock.className = "qgl-join" + (state.phase === "lobby" ? "" : " qgl-join-small");
        if (state.phase === "ended") joinBlock.hidden = true;
        if (!joinBlock.parentNode || joinBlock.parentNode !== app) app.insertBefore(joinBlock, counts);
      }
      if (isTeacher) {
        body.appendChild(controls(state));
        body.appendChild(el("p", {}, el("a", { href: "/projecteur/" + encodeURIComponent(room) + location.hash,
          target: "_blank", rel: "noopener", text: S.projector })));
        if (state.notice) body.appendChild(el("p", { className: "qgl-notice", text: state.notice }));
      }
      if (state.phase === "lobby") {
        body.appendChild(el("p", { className: "qgl-wait", text: S.lobby }));
      } else if (state.phase === "ended" && state.summary) {
        body.appendChild(el("h2", { text: S.ended }));
        body.appendChild(summary(state.summary, true));
      } else if (state.question) {
        var q = state.question;
        var box = questionBlock(state);
        if (state.phase === "question" || state.phase === "paused") box.appendChild(timer());
        if (state.phase === "paused") box.appendChild(el("p", { className: "qgl-paused", text: S.paused }));
        if (state.phase === "closed") box.appendChild(el("p", { className: "qgl-closed", text: S.time_up }));
        if (q.form === "matching") {
          var stems = el("ul", { className: "qgl-stems" });
          q.stems.forEach(function (s, i) { stems.appendChild(el("li", { text: (i + 1) + ". " + s })); });
          box.appendChild(stems);
        }
        var opts = el("ol", { className: "qgl-options" });
        q.options.forEach(function (o, k) {
          var good = state.stats && state.key && (q.form === "choice" || q.form === "truefalse") && state.key.answers.indexOf(k) >= 0;
          opts.appendChild(el("li", { className: good ? "qgl-good" : "" },
            el("span", { className: "qgl-letter", text: LETTERS[k] }), el("span", { text: (good ? "✓ " : "") + o })));
        });
        box.appendChild(opts);
        if (state.stats) box.appendChild(bars(state.stats));
        if (state.key) {
          var keyBox = el("div", { className: "qgl-keybox" + (state.phase === "revealed" ? "" : " qgl-private") },
            el("p", {}, el("strong", { text: S.key + " : " }), el("span", { text: state.key.key })));
          if (state.key.feedback) keyBox.appendChild(el("p", {}, el("strong", { text: S.feedback + " : " }), el("span", { text: state.key.feedback })));
          keyBox.appendChild(el("p", {}, clauseLinks(state.key.clauses)));
          box.appendChild(keyBox);
        }
        body.appendChild(box);
      }
      if (isTeacher && state.students) people(state);
    }

    onOpen = function () {
      send({ t: "hello", role: isTeacher ? "teacher" : "projector", room: room, token: token });
    };
    onMessage = function (m) {
      if (m.t === "state") render(m);
      else if (m.t === "count") {
        if (last && m.index === last.index) {
          last.answered = m.answered;
          last.joined = m.joined;
          showCounts(m.joined, m.answered, last.phase);
          if (isTeacher && m.new) {
            var items = side.querySelectorAll("li[data-client]");
            for (var i = 0; i < items.length; i++) {
              if (m.new.indexOf(items[i].getAttribute("data-client")) < 0) continue;
              items[i].className = "qgl-done";
              items[i].querySelector(".qgl-tick").textContent = "✓";
            }
          }
        }
      } else if (m.t === "error") {
        showAlert(m.message);
        if (m.code === "token" || m.code === "room") stopped = true;
      }
    };
    connect();
  }

  if (view === "student") student();
  else staff(view === "teacher");
})();
