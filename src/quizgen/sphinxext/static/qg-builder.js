/* quizgen: compose a quiz in the browser from the kit's question bank (window.QG_BANK, written by the
   build), then project it, print its sheet and key, or download it for Moodle (GIFT) or Kahoot (CSV).
   No dependency, no network: works from file://. Interface strings come from the page (JSON). */
(function () {
  "use strict";
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var S = {}, Q = {};
  function t(key, vars) {
    var s = S[key] || Q[key] || key;
    Object.keys(vars || {}).forEach(function (k) { s = s.split("{" + k + "}").join(String(vars[k])); });
    return s;
  }
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
  function uniq(list) { return list.filter(function (x, i) { return x && list.indexOf(x) === i; }); }
  function shuffle(list) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)); var x = a[i]; a[i] = a[j]; a[j] = x; }
    return a;
  }
  function checks(legend, name, values, label) {
    var box = el("fieldset", {class: "qg-builder-group"}, [el("legend", {text: legend})]);
    values.forEach(function (v) {
      var id = "qg-b-" + name + "-" + v;
      box.appendChild(el("span", {class: "qg-builder-choice"}, [
        el("input", {type: "checkbox", id: id, name: name, value: String(v), checked: true}),
        el("label", {for: id, text: " " + label(v)})]));
    });
    return box;
  }
  function ticked(form, name) {
    return Array.prototype.slice.call(form.querySelectorAll("input[name=" + name + "]:checked")).map(function (i) { return i.value; });
  }
  function download(name, text, type) {
    var blob = new Blob([text], {type: type});
    var a = el("a", {href: URL.createObjectURL(blob), download: name});
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  /* -- GIFT (Moodle) --------------------------------------------------------------------------------- */
  function giftEscape(s) { return String(s).replace(/([~=#{}:\\])/g, "\\$1").replace(/\n/g, " "); }
  function gift(questions) {
    return questions.map(function (q, n) {
      var head = "::Q" + (n + 1) + "::" + giftEscape(q.prompt) + " {";
      var body;
      if (q.form === "matching" || q.form === "ordering") {
        var stems = q.form === "matching" ? q.stems : q.answers.map(function (_a, i) { return t("rank", {n: i + 1}); });
        body = stems.map(function (s, i) { return "=" + giftEscape(s) + " -> " + giftEscape(q.options[q.answers[i]]); }).join(" ");
      } else if (q.answers.length > 1) {
        var share = Math.floor(100 / q.answers.length);
        body = q.options.map(function (o, i) { return "~%" + (q.answers.indexOf(i) >= 0 ? share : -100) + "%" + giftEscape(o); }).join(" ");
      } else {
        body = q.options.map(function (o, i) { return (q.answers.indexOf(i) >= 0 ? "=" : "~") + giftEscape(o); }).join(" ");
      }
      var fb = q.feedback ? " ####" + giftEscape(q.feedback) : "";
      return head + "\n" + body + fb + "\n}\n";
    }).join("\n");
  }
  /* -- Kahoot (its spreadsheet's columns, as CSV) ----------------------------------------------------- */
  function csvCell(s) { return '"' + String(s).replace(/"/g, '""') + '"'; }
  function kahoot(questions, seconds) {
    var rows = [["Question - max 120 characters", "Answer 1 - max 75 characters", "Answer 2 - max 75 characters",
      "Answer 3 - max 75 characters", "Answer 4 - max 75 characters", "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
      "Correct answer(s) - choose at least one"]];
    var left = 0;
    var limits = [5, 10, 20, 30, 60, 90, 120, 240];
    var time = limits.reduce(function (best, x) { return Math.abs(x - seconds) < Math.abs(best - seconds) ? x : best; }, 30);
    questions.forEach(function (q) {
      var ok = (q.form === "choice" || q.form === "truefalse") && q.options.length <= 4 && q.prompt.length <= 120
        && q.options.every(function (o) { return o.length <= 75; });
      if (!ok) { left += 1; return; }
      var answers = q.options.slice();
      while (answers.length < 4) { answers.push(""); }
      rows.push([q.prompt].concat(answers, [String(time), q.answers.map(function (a) { return a + 1; }).join(",")]));
    });
    return {text: "\ufeff" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n", left: left};
  }
  /* -- Sheet and key, to print -------------------------------------------------------------------------- */
  function sheet(questions) {
    var box = el("div", {class: "qg-built-sheet"});
    box.appendChild(el("h2", {text: t("title")}));
    box.appendChild(el("p", {class: "qg-built-student", text: t("student")}));
    var list = el("ol", {class: "qg-built-questions"});
    questions.forEach(function (q) {
      var item = el("li", {}, [el("p", {class: "qg-built-prompt", text: q.prompt})]);
      if (q.form === "matching") {
        item.appendChild(el("ol", {class: "qg-built-options", type: "A"}, q.options.map(function (o) { return el("li", {text: o}); })));
        item.appendChild(el("ul", {class: "qg-built-stems"}, q.stems.map(function (s) { return el("li", {text: s + " → ____"}); })));
      } else {
        item.appendChild(el("ol", {class: "qg-built-options", type: "A"}, q.options.map(function (o) { return el("li", {text: o}); })));
        if (q.form === "ordering") { item.appendChild(el("p", {text: q.options.map(function (_o, i) { return (i + 1) + ". ____"; }).join("   ")})); }
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    var key = el("div", {class: "qg-built-key"}, [el("h2", {text: t("key")})]);
    key.appendChild(el("p", {class: "qg-built-grid", text: questions.map(function (q, n) {
      var a = q.form === "matching" || q.form === "ordering" ? q.answers.map(function (x) { return LETTERS[x]; }).join("")
        : q.answers.map(function (x) { return LETTERS[x]; }).join("+");
      return (n + 1) + "-" + a;
    }).join("   ")}));
    box.appendChild(key);
    return box;
  }

  function Builder(root, bank) {
    var self = this;
    this.root = root;
    this.bank = bank;
    this.picked = [];
    var form = el("form", {class: "qg-builder-form"});
    this.form = form;
    var ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    var sections = uniq(bank.map(function (q) { return q.section; })).sort(function (a, b) { return ROMAN.indexOf(a) - ROMAN.indexOf(b); });
    var kinds = uniq(bank.map(function (q) { return q.kind; }));
    form.appendChild(checks(t("sections"), "section", sections, function (s) { return t("section", {s: s}); }));
    form.appendChild(checks(t("kinds"), "kind", kinds, function (k) { return t("kind-" + k); }));
    form.appendChild(checks(t("difficulty"), "level", [1, 2, 3], function (d) { return t("level" + d); }));
    this.count = el("input", {type: "number", id: "qg-b-count", min: "1", max: "60", value: "10"});
    this.seconds = el("input", {type: "number", id: "qg-b-seconds", min: "5", max: "240", value: "30"});
    form.appendChild(el("p", {class: "qg-builder-numbers"}, [
      el("label", {for: "qg-b-count", text: t("count") + " "}), this.count, " ",
      el("label", {for: "qg-b-seconds", text: t("seconds") + " "}), this.seconds]));
    var compose = el("button", {type: "submit", class: "qg-btn qg-btn-main", text: t("compose")});
    form.appendChild(compose);
    form.addEventListener("submit", function (event) { event.preventDefault(); self.compose(); });
    this.status = el("p", {class: "qg-status", role: "status"});
    this.actions = el("div", {class: "qg-tools qg-builder-actions", hidden: true});
    var project = el("button", {type: "button", class: "qg-btn qg-btn-main", text: t("project")});
    project.addEventListener("click", function () { self.project(); });
    var print = el("button", {type: "button", class: "qg-btn", text: t("print")});
    print.addEventListener("click", function () { self.print(); });
    var giftButton = el("button", {type: "button", class: "qg-btn", text: t("gift")});
    giftButton.addEventListener("click", function () { download("quiz.gift.txt", gift(self.picked), "text/plain;charset=utf-8"); });
    var kahootButton = el("button", {type: "button", class: "qg-btn", text: t("kahoot")});
    kahootButton.addEventListener("click", function () {
      var made = kahoot(self.picked, +self.seconds.value || 30);
      download("quiz.kahoot.csv", made.text, "text/csv;charset=utf-8");
      if (made.left) { self.status.textContent = t("kahootLeft", {n: made.left}); }
    });
    [project, print, giftButton, kahootButton].forEach(function (b) { self.actions.appendChild(b); });
    this.preview = el("div", {class: "qg-builder-preview"});
    [form, this.status, this.actions, this.preview].forEach(function (n) { root.appendChild(n); });
    window.addEventListener("afterprint", function () { document.documentElement.classList.remove("qg-printing-built"); });
  }
  Builder.prototype.compose = function () {
    var f = this.form, sections = ticked(f, "section"), kinds = ticked(f, "kind"), levels = ticked(f, "level");
    var match = this.bank.filter(function (q) {
      return sections.indexOf(q.section) >= 0 && kinds.indexOf(q.kind) >= 0 && levels.indexOf(String(q.difficulty)) >= 0;
    });
    var n = Math.max(1, Math.min(+this.count.value || 10, match.length));
    var seconds = Math.max(5, +this.seconds.value || 30);
    this.picked = shuffle(match).slice(0, match.length ? n : 0).map(function (q, i) {
      var c = JSON.parse(JSON.stringify(q));
      c.n = i + 1;
      c.time = seconds;
      return c;
    });
    this.preview.textContent = "";
    if (!this.picked.length) { this.status.textContent = t("none"); this.actions.hidden = true; return; }
    this.status.textContent = t("available", {n: match.length, k: this.picked.length});
    this.actions.hidden = false;
    var data = {id: "qg-built-quiz", title: t("title"), mode: "practice", time: seconds, variants: [this.picked]};
    var quiz = el("section", {class: "qg-quiz qg-quiz-practice", id: "qg-built-quiz", "data-qg-quiz": "qg-built-quiz-data",
      "aria-labelledby": "qg-built-quiz-title"}, [
      el("p", {class: "qg-quiz-title", id: "qg-built-quiz-title", text: t("title")}),
      el("p", {class: "qg-quiz-meta", text: ""}),
      el("script", {type: "application/json", id: "qg-built-quiz-data", text: JSON.stringify(data)})]);
    this.preview.appendChild(quiz);
    this.quiz = window.qgMountQuiz ? window.qgMountQuiz(quiz) : null;
    this.preview.appendChild(sheet(this.picked));
  };
  Builder.prototype.project = function () {
    var button = this.preview.querySelector(".qg-btn-projector");
    if (button) { button.click(); }
  };
  Builder.prototype.print = function () {
    document.documentElement.classList.add("qg-printing-built");
    window.print();
  };

  function start() {
    var root = document.querySelector(".qg-builder");
    var strings = document.getElementById("qg-builder-i18n"), quizStrings = document.getElementById("qg-quiz-i18n");
    if (!root || !window.QG_BANK) { return; }
    if (strings) { S = JSON.parse(strings.textContent); }
    if (quizStrings) { Q = JSON.parse(quizStrings.textContent); }
    root.qgBuilder = new Builder(root, window.QG_BANK);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
