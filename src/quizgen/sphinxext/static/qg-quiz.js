/* quizgen: self-graded quizzes and the classroom (projector) mode. No dependency, no network: each quiz's
   questions and the French interface strings are JSON in the page (<script type="application/json">). */
(function () {
  "use strict";
  var T = {};
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var BLANK = "_____";

  function t(key, vars) {
    var s = T[key] || key;
    Object.keys(vars || {}).forEach(function (k) { s = s.split("{" + k + "}").join(String(vars[k])); });
    return s;
  }
  /* el("p", {class: "x", text: "…"}, [children]) — text is always set as text, never as HTML. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) { return; }
      if (k === "text") { node.textContent = v; } else if (k === "class") { node.className = v; } else { node.setAttribute(k, v === true ? "" : v); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); } });
    return node;
  }
  /* A prompt with its blank shown as a line that screen readers read as "blanc". */
  function prompt(text, cls) {
    var p = el("span", {class: cls});
    text.split(BLANK).forEach(function (part, i) {
      if (i) { p.appendChild(el("span", {class: "qg-blank", role: "img", "aria-label": t("blank")})); }
      p.appendChild(document.createTextNode(part));
    });
    return p;
  }
  function same(a, b) { return a.length === b.length && a.every(function (x, i) { return x === b[i]; }); }
  function sorted(a) { return a.slice().sort(function (x, y) { return x - y; }); }
  function optionText(q, i) { return q.form === "truefalse" ? q.options[i] : LETTERS[i] + ". " + q.options[i]; }
  /* The right answer as lines of text. */
  function answerLines(q) {
    if (q.form === "matching") { return q.stems.map(function (s, i) { return s + " → " + q.options[q.answers[i]]; }); }
    if (q.form === "ordering") { return q.answers.map(function (a, i) { return (i + 1) + ". " + q.options[a]; }); }
    return q.answers.map(function (a) { return optionText(q, a); });
  }
  /* Links to the clauses; the clause is quoted only when the feedback does not quote it already. */
  function citeLinks(q, newTab, brief) {
    var p = el(brief ? "span" : "p", {class: "qg-cites"}, [brief ? "" : t("source") + " "]);
    (q.cites || []).forEach(function (c, i) {
      if (i) { p.appendChild(document.createTextNode(" · ")); }
      p.appendChild(el("a", {href: c.url, text: t("clause", {id: c.id}), target: newTab ? "_blank" : null, rel: newTab ? "noopener" : null}));
      if (!brief && c.quote && q.cites.length === 1 && (q.feedback || "").indexOf(c.quote) < 0) {
        p.appendChild(document.createTextNode(" — « " + c.quote + " »"));
      }
    });
    return p;
  }

  var count = 0;

  /* -- One question in the page ------------------------------------------------------------------- */
  function Question(quiz, q, total) {
    var id = quiz.id + "-v" + quiz.v + "-q" + q.n;
    this.q = q;
    this.checked = false;
    this.node = el("fieldset", {class: "qg-q", id: id, "data-form": q.form, "data-kind": q.kind});
    var legend = el("legend", {class: "qg-q-legend"}, [
      el("span", {class: "qg-q-num", text: t("question", {n: q.n, total: total})}),
      el("span", {class: "qg-q-kind", text: t("kind-" + q.kind)}),
      prompt(q.prompt, "qg-q-prompt")
    ]);
    this.node.appendChild(legend);
    this.inputs = [];
    this.rows = [];
    var self = this;
    if (q.form === "choice" || q.form === "truefalse") {
      if (q.form === "choice") { this.node.appendChild(el("p", {class: "qg-q-hint", text: q.multi ? t("multi") : t("single")})); }
      var list = el("div", {class: "qg-options"});
      q.options.forEach(function (o, i) {
        var input = el("input", {type: q.multi ? "checkbox" : "radio", name: id, value: String(i), id: id + "-o" + i});
        self.inputs.push(input);
        var label = el("label", {class: "qg-option", for: id + "-o" + i}, [
          q.form === "choice" ? el("span", {class: "qg-letter", "aria-hidden": "true", text: LETTERS[i]}) : null,
          prompt(o, "qg-option-text")
        ]);
        self.rows.push(label);
        list.appendChild(el("div", {class: "qg-option-row"}, [input, label]));
      });
      this.node.appendChild(list);
    } else {
      var matching = q.form === "matching";
      this.node.appendChild(el("p", {class: "qg-q-hint", text: matching ? t("matchHint") : t("orderHint")}));
      if (!matching) {
        this.node.appendChild(el("ol", {class: "qg-events", type: "A"}, q.options.map(function (o) { return el("li", {text: o}); })));
      }
      var grid = el("div", {class: "qg-pairs"});
      var slots = matching ? q.stems : q.options.map(function (_o, i) {
        return t("rank", {n: i + 1}) + (i === 0 ? " (" + t("oldest") + ")" : i === q.options.length - 1 ? " (" + t("newest") + ")" : "");
      });
      slots.forEach(function (s, i) {
        var sid = id + "-s" + i;
        var select = el("select", {id: sid}, [el("option", {value: "", text: t("choose")})].concat(q.options.map(function (o, k) {
          return el("option", {value: String(k), text: matching ? LETTERS[k] + ". " + o : LETTERS[k] + ". " + o.slice(0, 70) + (o.length > 70 ? "…" : "")});
        })));
        self.inputs.push(select);
        var row = el("div", {class: "qg-pair"}, [el("label", {for: sid, text: s}), select]);
        self.rows.push(row);
        grid.appendChild(row);
      });
      this.node.appendChild(grid);
    }
    if (!quiz.exam) {
      this.button = el("button", {type: "button", class: "qg-btn qg-check", text: t("check"), "aria-describedby": id + "-fb"});
      this.button.addEventListener("click", function () { self.check(); self.feedback.focus(); quiz.update(); });
      this.node.appendChild(this.button);
    }
    this.feedback = el("div", {class: "qg-feedback", id: id + "-fb", tabindex: "-1"});
    this.node.appendChild(this.feedback);
  }
  /* The student's answer: choice/truefalse the ticked indices; matching/ordering one index (or -1) per row. */
  Question.prototype.response = function () {
    if (this.q.form === "choice" || this.q.form === "truefalse") {
      return this.inputs.filter(function (i) { return i.checked; }).map(function (i) { return +i.value; });
    }
    return this.inputs.map(function (s) { return s.value === "" ? -1 : +s.value; });
  };
  Question.prototype.answered = function () {
    return this.response().some(function (x) { return x >= 0; });
  };
  Question.prototype.right = function () {
    var r = this.response(), q = this.q;
    return q.form === "choice" || q.form === "truefalse" ? same(sorted(r), sorted(q.answers)) : same(r, q.answers);
  };
  Question.prototype.check = function () {
    var q = this.q, r = this.response(), ok = this.right(), answered = this.answered(), fb = this.feedback;
    this.checked = true;
    this.ok = ok;
    this.node.classList.add(ok ? "qg-ok" : "qg-ko");
    fb.textContent = "";
    fb.appendChild(el("p", {class: "qg-verdict", text: (ok ? "✓ " + t("right") : "✗ " + (answered ? t("wrong") : t("none")))}));
    if (!ok) {
      fb.appendChild(el("p", {class: "qg-expected", text: t("expected")}));
      fb.appendChild(el("ul", {class: "qg-expected-list"}, answerLines(q).map(function (l) { return el("li", {text: l}); })));
    }
    if (q.feedback) { fb.appendChild(el("p", {class: "qg-explain", text: q.feedback})); }
    if (q.cites && q.cites.length) { fb.appendChild(citeLinks(q, false)); }
    var self = this;
    this.rows.forEach(function (row, i) {
      var good = q.form === "choice" || q.form === "truefalse" ? q.answers.indexOf(i) >= 0 : r[i] === q.answers[i];
      var chosen = q.form === "choice" || q.form === "truefalse" ? r.indexOf(i) >= 0 : r[i] >= 0;
      row.classList.toggle("qg-is-right", good && (chosen || q.form === "choice" || q.form === "truefalse"));
      row.classList.toggle("qg-is-wrong", chosen && !good);
    });
    this.inputs.forEach(function (i) { i.disabled = true; });
    if (this.button) { this.button.disabled = true; self.button.hidden = true; }
  };
  Question.prototype.summary = function () {
    var q = this.q, r = this.response();
    if (!this.answered()) { return t("noAnswer"); }
    if (q.form === "choice") { return r.map(function (i) { return LETTERS[i]; }).join(", "); }
    if (q.form === "truefalse") { return q.options[r[0]]; }
    if (q.form === "matching") { return r.map(function (a, i) { return (i + 1) + "→" + (a >= 0 ? LETTERS[a] : "?"); }).join(", "); }
    return r.map(function (a) { return a >= 0 ? LETTERS[a] : "?"; }).join(", ");
  };

  /* -- A quiz ------------------------------------------------------------------------------------- */
  function Quiz(root) {
    var data = JSON.parse(document.getElementById(root.getAttribute("data-qg-quiz")).textContent);
    var self = this;
    count += 1;
    this.root = root;
    this.data = data;
    this.id = data.id;
    this.exam = data.mode === "exam";
    this.v = 0;
    var tools = el("div", {class: "qg-tools", role: "group", "aria-label": t("quizTools")});
    this.versionLabel = el("span", {class: "qg-version"});
    if (this.exam) {
      // Exam: the teacher gives each student a version (the page's address ends in ?version=2); the student
      // has no button to change it, types a name, and the answers are kept in the browser across reloads.
      var asked = parseInt(new URLSearchParams(window.location.search).get("version") || "1", 10);
      this.v = asked >= 1 && asked <= data.variants.length ? asked - 1 : 0;
      this.key = "qg-exam:" + window.location.pathname + ":" + data.id + ":v" + (this.v + 1);
      var nameId = data.id + "-name";
      this.nameInput = el("input", {type: "text", id: nameId, class: "qg-exam-name", autocomplete: "name"});
      this.nameInput.addEventListener("input", function () { self.save(); });
      root.insertBefore(el("p", {class: "qg-exam-name-row"}, [el("label", {for: nameId, text: t("name") + " "}),
        this.nameInput]), root.querySelector(".qg-quiz-meta") || null);
    }
    if (data.variants.length > 1 && !this.exam) {
      var another = el("button", {type: "button", class: "qg-btn", text: t("another")});
      another.addEventListener("click", function () {
        self.show((self.v + 1) % data.variants.length);
        self.say(t("newVersion", {n: self.v + 1, total: data.variants.length}));
      });
      tools.appendChild(another);
    }
    var projector = el("button", {type: "button", class: "qg-btn qg-btn-projector", text: t("classroom"), "aria-haspopup": "dialog"});
    projector.addEventListener("click", function () { new Projector(self, projector).open(); });
    tools.appendChild(projector);
    tools.appendChild(this.versionLabel);
    this.body = el("div", {class: "qg-questions"});
    var end = el("div", {class: "qg-end"});
    if (this.exam) {
      var recap = el("button", {type: "button", class: "qg-btn qg-btn-main", text: t("recap")});
      recap.addEventListener("click", function () { self.recap(); });
      end.appendChild(recap);
    } else {
      var all = el("button", {type: "button", class: "qg-btn qg-btn-main", text: t("checkAll")});
      all.addEventListener("click", function () {
        self.questions.forEach(function (q) { if (!q.checked) { q.check(); } });
        self.update(true);
        self.status.focus();
      });
      end.appendChild(all);
    }
    var restart = el("button", {type: "button", class: "qg-btn", text: t("restart")});
    restart.addEventListener("click", function () {
      if (!window.confirm(t("restartAsk"))) { return; }
      self.forget();
      self.show(self.v);
    });
    end.appendChild(restart);
    this.status = el("p", {class: "qg-status", role: "status", tabindex: "-1"});
    this.result = el("div", {class: "qg-result", tabindex: "-1"});
    var meta = root.querySelector(".qg-quiz-meta");
    meta.parentNode.insertBefore(tools, meta.nextSibling);
    root.insertBefore(this.body, root.querySelector("noscript"));
    root.insertBefore(end, root.querySelector("noscript"));
    root.insertBefore(this.status, root.querySelector("noscript"));
    root.insertBefore(this.result, root.querySelector("noscript"));
    var note = root.querySelector(".qg-quiz-note");
    if (this.exam && note) { note.textContent = t("examNote") + " " + t("saved"); }
    this.show(this.v);
    if (this.exam) {
      this.restore();
      this.body.addEventListener("change", function () { self.save(); });
    }
  }
  /* Exam answers in localStorage: the name, and each input's state in order (the questions of a version are
     always drawn the same way, so the order is stable). Storage may be refused (private mode): then nothing
     is kept, and the quiz still works. */
  Quiz.prototype.save = function () {
    if (!this.key) { return; }
    var state = {name: this.nameInput.value, inputs: this.questions.map(function (q) {
      return q.inputs.map(function (i) { return i.type === "radio" || i.type === "checkbox" ? i.checked : i.value; });
    })};
    try { window.localStorage.setItem(this.key, JSON.stringify(state)); } catch (e) { /* storage refused */ }
  };
  Quiz.prototype.restore = function () {
    var state = null;
    try { state = JSON.parse(window.localStorage.getItem(this.key) || "null"); } catch (e) { state = null; }
    if (!state) { return; }
    this.nameInput.value = state.name || "";
    this.questions.forEach(function (q, n) {
      (state.inputs[n] || []).forEach(function (v, k) {
        var input = q.inputs[k];
        if (!input) { return; }
        if (input.type === "radio" || input.type === "checkbox") { input.checked = v === true; } else { input.value = v; }
      });
    });
  };
  Quiz.prototype.forget = function () {
    if (!this.key) { return; }
    try { window.localStorage.removeItem(this.key); } catch (e) { /* storage refused */ }
    this.nameInput.value = "";
  };
  Quiz.prototype.show = function (v) {
    var self = this, qs = this.data.variants[v];
    this.v = v;
    this.versionLabel.textContent = this.data.variants.length > 1 ? t("version", {n: v + 1, total: this.data.variants.length}) : "";
    this.body.textContent = "";
    this.result.textContent = "";
    this.status.textContent = "";
    this.questions = qs.map(function (q) { return new Question(self, q, qs.length); });
    this.questions.forEach(function (q) { self.body.appendChild(q.node); });
  };
  Quiz.prototype.say = function (text) { this.status.textContent = text; };
  Quiz.prototype.update = function (final) {
    var checked = this.questions.filter(function (q) { return q.checked; });
    var score = checked.filter(function (q) { return q.ok; }).length, total = this.questions.length;
    this.say(final ? t("finalScore", {score: score, total: total}) : t("score", {score: score, total: total, checked: checked.length}));
  };
  Quiz.prototype.recap = function () {
    var self = this;
    this.result.textContent = "";
    if (this.exam && !this.nameInput.value.trim()) {
      this.say(t("nameMissing"));
      this.nameInput.focus();
      return;
    }
    this.result.appendChild(el("p", {class: "qg-result-title", text: t("recapTitle", {n: this.v + 1})}));
    if (this.exam) {
      this.result.appendChild(el("p", {class: "qg-sheet-line", text: t("sheetName", {name: this.nameInput.value.trim()})}));
      this.result.appendChild(el("p", {class: "qg-sheet-line", text: t("sheetDate", {date: new Date().toLocaleDateString("fr-FR")})}));
    }
    this.result.appendChild(el("ol", {class: "qg-recap"}, this.questions.map(function (q) { return el("li", {text: q.summary()}); })));
    if (this.exam) {
      var print = el("button", {type: "button", class: "qg-btn qg-sheet-print", text: t("printSheet")});
      print.addEventListener("click", function () {
        document.documentElement.classList.add("qg-printing-sheet");
        self.root.classList.add("qg-sheet-source");
        window.print();
      });
      this.result.appendChild(print);
    }
    self.result.focus();
  };

  /* -- Classroom mode: one question at a time, full screen --------------------------------------- */
  function Projector(quiz, opener) {
    this.quiz = quiz;
    this.opener = opener;
    this.qs = quiz.data.variants[quiz.v];
    this.i = 0;
    this.revealed = {};
    this.timerOn = false;
    var self = this, tid = quiz.id + "-proj-title";
    this.dialog = el("dialog", {class: "qg-proj", "aria-labelledby": tid, "aria-describedby": quiz.id + "-proj-help"});
    this.progress = el("span", {class: "qg-proj-progress", "aria-live": "polite"});
    this.bar = el("progress", {class: "qg-proj-bar", max: String(this.qs.length + 1), value: "1", "aria-hidden": "true"});
    this.clock = el("span", {class: "qg-proj-timer", role: "timer", "aria-live": "off"});
    this.alert = el("span", {class: "qg-sr", "aria-live": "assertive"});
    this.stage = el("div", {class: "qg-proj-stage", tabindex: "-1"});
    function button(text, cls, act, key) {
      var b = el("button", {type: "button", class: "qg-btn " + cls, "aria-keyshortcuts": key || null}, [text]);
      b.addEventListener("click", act);
      return b;
    }
    this.prev = button("← " + t("previous"), "qg-proj-prev", function () { self.go(self.i - 1); }, "ArrowLeft");
    this.next = button(t("next") + " →", "qg-proj-next", function () { self.go(self.i + 1); }, "ArrowRight Space");
    this.revealButton = quiz.exam ? null : button(t("reveal"), "qg-proj-reveal", function () { self.reveal(); }, "R");
    this.timerButton = button(t("timer"), "qg-proj-timer-btn", function () { self.toggleTimer(); }, "T");
    this.timerButton.setAttribute("aria-pressed", "false");
    var close = button(t("close"), "qg-proj-close", function () { self.dialog.close(); }, "Escape");
    this.dialog.appendChild(el("div", {class: "qg-proj-head"}, [
      el("span", {class: "qg-proj-title", id: tid, text: quiz.data.title + (quiz.data.variants.length > 1 ? " — " + t("version", {n: quiz.v + 1, total: quiz.data.variants.length}) : "")}),
      this.progress, this.clock, this.alert, close
    ]));
    this.dialog.appendChild(this.bar);
    this.dialog.appendChild(this.stage);
    this.dialog.appendChild(el("div", {class: "qg-proj-nav"}, [this.prev, this.revealButton, this.next, this.timerButton]));
    this.dialog.appendChild(el("p", {class: "qg-proj-help", id: quiz.id + "-proj-help", text: t("projectorHelp")}));
    this.dialog.addEventListener("keydown", function (e) { self.key(e); });
    this.dialog.addEventListener("close", function () { self.closed(); });
  }
  Projector.prototype.open = function () {
    document.body.appendChild(this.dialog);
    this.dialog.showModal();
    var root = document.documentElement;
    if (root.requestFullscreen) { root.requestFullscreen().catch(function () { /* not allowed: the dialog fills the window anyway */ }); }
    this.go(0);
  };
  Projector.prototype.closed = function () {
    this.stopTimer();
    if (document.fullscreenElement && document.exitFullscreen) { document.exitFullscreen().catch(function () {}); }
    this.dialog.remove();
    this.opener.focus();
  };
  Projector.prototype.key = function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var k = e.key;
    if (k === "ArrowRight" || k === "PageDown" || (k === " " && !e.shiftKey)) { this.go(this.i + 1); }
    else if (k === "ArrowLeft" || k === "PageUp" || (k === " " && e.shiftKey)) { this.go(this.i - 1); }
    else if (k === "Home") { this.go(0); }
    else if (k === "End") { this.go(this.qs.length); }
    else if ((k === "r" || k === "R") && !this.quiz.exam) { this.reveal(); }
    else if (k === "t" || k === "T") { this.toggleTimer(); }
    else if (k === "Escape") { this.dialog.close(); }
    else { return; }
    e.preventDefault();
  };
  Projector.prototype.go = function (i) {
    var n = this.qs.length;
    if (i < 0 || i > n) { return; }
    this.i = i;
    this.stage.textContent = "";
    this.prev.disabled = i === 0;
    this.next.disabled = i === n;
    this.bar.value = i + 1;
    if (i === n) { this.summary(); } else { this.slide(this.qs[i]); }
    this.stage.focus();
    this.restartTimer();
  };
  Projector.prototype.slide = function (q) {
    var n = this.qs.length;
    this.progress.textContent = t("question", {n: q.n, total: n});
    if (this.revealButton) { this.revealButton.hidden = false; }
    this.stage.appendChild(el("p", {class: "qg-proj-kind", text: t("kind-" + q.kind)}));
    this.stage.appendChild(el("h2", {class: "qg-proj-prompt"}, [prompt(q.prompt, "")]));
    var list;
    if (q.form === "matching") {
      list = el("div", {class: "qg-proj-match"}, [
        el("ol", {class: "qg-proj-stems"}, q.stems.map(function (s) { return el("li", {text: s}); })),
        el("ol", {class: "qg-proj-options", type: "A"}, q.options.map(function (o) { return el("li", {text: o}); }))
      ]);
    } else {
      list = el("ol", {class: "qg-proj-options" + (q.form === "truefalse" ? " qg-proj-tf" : ""), type: "A"}, q.options.map(function (o) {
        return el("li", {}, [prompt(o, "")]);
      }));
    }
    this.stage.appendChild(list);
    this.answerBox = el("div", {class: "qg-proj-answer"});
    this.stage.appendChild(this.answerBox);
    if (this.revealed[q.n]) { this.showAnswer(q); }
  };
  Projector.prototype.reveal = function () {
    if (this.i >= this.qs.length || this.quiz.exam) { return; }
    var q = this.qs[this.i];
    this.revealed[q.n] = !this.revealed[q.n];
    if (this.revealed[q.n]) { this.showAnswer(q); this.stopTimer(); } else { this.go(this.i); }
  };
  Projector.prototype.showAnswer = function (q) {
    var items = this.stage.querySelectorAll(".qg-proj-options > li");
    if (q.form === "choice" || q.form === "truefalse") {
      q.answers.forEach(function (a) { if (items[a]) { items[a].classList.add("qg-is-right"); } });
    }
    this.answerBox.textContent = "";
    var lines = answerLines(q);
    if (lines.length === 1) {
      this.answerBox.appendChild(el("p", {class: "qg-proj-answer-title", text: t("answer") + " " + lines[0]}));
    } else {
      this.answerBox.appendChild(el("p", {class: "qg-proj-answer-title", text: t("answer")}));
      this.answerBox.appendChild(el("ul", {}, lines.map(function (l) { return el("li", {text: l}); })));
    }
    if (q.feedback) { this.answerBox.appendChild(el("p", {class: "qg-explain", text: q.feedback})); }
    if (q.cites && q.cites.length) { this.answerBox.appendChild(citeLinks(q, true)); }
    if (this.revealButton) { this.revealButton.textContent = t("hide"); }
    this.alert.textContent = t("answer") + " " + answerLines(q).join(" ; ");
  };
  Projector.prototype.summary = function () {
    var self = this, n = this.qs.length;
    var revealed = Object.keys(this.revealed).filter(function (k) { return self.revealed[k]; }).length;
    this.progress.textContent = t("summary");
    if (this.revealButton) { this.revealButton.hidden = true; }
    this.stage.appendChild(el("h2", {class: "qg-proj-prompt", text: t("summary")}));
    this.stage.appendChild(el("p", {class: "qg-proj-summary-text", text: t("summaryText", {total: n, revealed: revealed})}));
    this.stage.appendChild(el("ol", {class: "qg-proj-summary"}, this.qs.map(function (q) {
      var text = q.prompt.length > 110 ? q.prompt.slice(0, 109) + "…" : q.prompt;
      var li = el("li", {}, [el("span", {class: "qg-proj-sum-q", text: text})]);
      if (!self.quiz.exam) {
        li.appendChild(el("span", {class: "qg-proj-sum-a", text: " " + t("answer") + " " + answerLines(q).join(" ; ")}));
        if (q.cites && q.cites.length) { li.appendChild(citeLinks(q, true, true)); }
      }
      return li;
    })));
  };
  Projector.prototype.toggleTimer = function () {
    this.timerOn = !this.timerOn;
    this.timerButton.setAttribute("aria-pressed", String(this.timerOn));
    this.timerButton.textContent = this.timerOn ? t("timerOn") : t("timer");
    this.restartTimer();
  };
  Projector.prototype.stopTimer = function () {
    if (this.tick) { clearInterval(this.tick); this.tick = null; }
  };
  Projector.prototype.restartTimer = function () {
    var self = this;
    this.stopTimer();
    this.clock.textContent = "";
    this.clock.classList.remove("qg-time-up");
    if (this.revealButton) { this.revealButton.textContent = this.revealed[(this.qs[this.i] || {}).n] ? t("hide") : t("reveal"); }
    if (!this.timerOn || this.i >= this.qs.length || this.revealed[this.qs[this.i].n]) { return; }
    var end = Date.now() + 1000 * (this.qs[this.i].time || this.quiz.data.time);
    function draw() {
      var left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      self.clock.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      self.clock.setAttribute("aria-label", t("secondsLeft", {n: left}));
      if (!left) {
        self.stopTimer();
        self.clock.textContent = t("timeUp");
        self.clock.classList.add("qg-time-up");
        self.alert.textContent = t("timeUp");
      }
    }
    draw();
    this.tick = setInterval(draw, 250);
  };

  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("qg-printing-sheet");
    document.querySelectorAll(".qg-sheet-source").forEach(function (n) { n.classList.remove("qg-sheet-source"); });
  });
  /* For the quiz builder: mount a quiz composed in the page (same widget, same classroom mode). */
  window.qgMountQuiz = function (root) {
    var strings = document.getElementById("qg-quiz-i18n");
    if (strings && !Object.keys(T).length) { T = JSON.parse(strings.textContent); }
    root.qgQuiz = new Quiz(root);
    return root.qgQuiz;
  };
  function start() {
    var strings = document.getElementById("qg-quiz-i18n");
    if (strings) { T = JSON.parse(strings.textContent); }
    document.querySelectorAll("[data-qg-quiz]").forEach(function (root) {
      root.qgQuiz = new Quiz(root);
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
