// Progressive enhancement only: every action works without this file. Without it the rows are
// one form that saves them all, a row's details open by a link, and the catalogue is a list.
//
// With it: each row saves itself (after a pause in typing, and at once on change or when the
// field is left) through htmx, one request of the page at a time (draft.html's hx-sync); a
// failed request says so where it was made and offers to try again; leaving with a change not
// yet saved asks first; a PDF the server cannot make now is said at its button. The words come
// from the page (#texts), so that they are translated with the rest.
(function () {
  "use strict";

  var doc = document;
  var TYPING_PAUSE = 700; // ms, as the details form's hx-trigger
  doc.documentElement.classList.add("js");

  function text(name) {
    var texts = doc.getElementById("texts");
    return (texts && texts.dataset[name]) || "";
  }

  function byId(id) {
    return doc.getElementById(id);
  }

  // One persistent polite region for everything said (the server's swaps fill it too).
  var announceTimer = null;
  function announce(message) {
    var region = byId("status");
    if (!region) { return; }
    clearTimeout(announceTimer);
    region.textContent = "";
    // A short gap, so that the same sentence twice is read twice.
    announceTimer = setTimeout(function () { region.textContent = message; }, 60);
  }

  // --- Rows ------------------------------------------------------------------------------

  var rowsForm = byId("rows-form");
  var timers = {};   // pk -> timer of a save waiting for the typing pause
  var changes = {};  // pk -> count of changes typed; the answered count is kept on the line
  var inFlight = 0;  // requests sent and not yet answered, of any form

  function rowOf(element) {
    var tr = element && element.closest ? element.closest("tr[id^='r']") : null;
    var match = tr && /^r(\d+)/.exec(tr.id);
    return match ? match[1] : null;
  }

  function line(pk) {
    return byId("r" + pk);
  }

  function rowUrl(pk, suffix) {
    return rowsForm.dataset.rowUrl.replace(/0\/$/, pk + "/") + (suffix || "");
  }

  function setState(pk, message) {
    var cell = byId("r" + pk + "-h");
    if (!cell) { return; }
    var state = cell.querySelector(".row-state");
    if (!state) {
      state = doc.createElement("span");
      state.className = "row-state";
      cell.appendChild(doc.createTextNode(" "));
      cell.appendChild(state);
    }
    state.textContent = message;
  }

  // A row's request carries that row's fields only (and the page's markers), not the whole
  // form: at 150 rows the form is some 30 kB. htmx reads hx-params when it sends.
  function onlyRow(element, prefix, values) {
    var names = ["csrfmiddlewaretoken", "editor", "open", "invalid"].concat(Object.keys(values || {}));
    for (var i = 0; i < rowsForm.elements.length; i++) {
      var name = rowsForm.elements[i].name;
      if (name && name.indexOf(prefix) === 0 && names.indexOf(name) < 0) { names.push(name); }
    }
    element.setAttribute("hx-params", names.join(","));
  }

  // What a row's fields hold now, to send a change once: leaving a field just saved after the
  // typing pause is no second save.
  var lastSent = {}; // pk -> snapshot sent and not failed
  function snapshot(form, prefix) {
    var parts = [];
    for (var i = 0; i < form.elements.length; i++) {
      var element = form.elements[i];
      // Hidden inputs are the page's (versions, shown values), not what the person typed.
      if (element.name && element.type !== "hidden" && element.name.indexOf(prefix) === 0) {
        var checked = (element.type !== "checkbox" && element.type !== "radio") || element.checked;
        parts.push(element.name + "=" + (checked ? element.value : ""));
      }
    }
    return parts.join("&");
  }

  function send(pk, values) {
    var row = line(pk);
    if (!row || row.classList.contains("row--removed")) { return; }
    clearTimeout(timers[pk]);
    delete timers[pk];
    var now = snapshot(rowsForm, "r" + pk + "-");
    if (!values && lastSent[pk] === now) { return; }
    lastSent[pk] = values ? null : now;
    row.dataset.sent = String(changes[pk] || 0);
    setState(pk, text("saving"));
    onlyRow(row, "r" + pk + "-", values);
    htmx.ajax("POST", rowUrl(pk), { source: row, swap: "none", values: values || {} })
      .catch(function () {});  // failures are shown by the htmx:*Error handlers below
  }

  // What a row's page showed (assessments/forms/stale.py): each field's default value, the
  // value the page drew, which moves on to what was sent once a save of the row is answered
  // as saved. Sent with each request of the row (as "initial-<name>"), so that the server
  // knows which fields this page changed; the line has no room for them as inputs.
  var rowSent = {}; // pk -> [[element, the value or checkedness sent], ...]
  function addShown(shown, name, value) {
    if (!(name in shown)) { shown[name] = []; }
    if (value !== null) { shown[name].push(value); }
  }
  function shownValues(pk) {
    var shown = {};
    var sent = [];
    var prefix = "r" + pk + "-";
    for (var i = 0; i < rowsForm.elements.length; i++) {
      var element = rowsForm.elements[i];
      if (!element.name || element.type === "hidden" || element.name.indexOf(prefix) !== 0) { continue; }
      var name = "initial-" + element.name;
      if (element.type === "checkbox" || element.type === "radio") {
        addShown(shown, name, element.defaultChecked ? element.value : null);
        sent.push([element, element.checked]);
      } else if (element.tagName === "SELECT") {
        var chosen = Array.prototype.filter.call(element.options, function (o) { return o.defaultSelected; });
        addShown(shown, name, chosen.length ? chosen[0].value : "");
        sent.push([element, element.value]);
      } else {
        addShown(shown, name, element.defaultValue);
        sent.push([element, element.value]);
      }
    }
    rowSent[pk] = sent;
    return shown;
  }
  function moveShown(pk) {
    (rowSent[pk] || []).forEach(function (pair) {
      var element = pair[0];
      if (element.type === "checkbox" || element.type === "radio") {
        element.defaultChecked = pair[1];
      } else if (element.tagName === "SELECT") {
        Array.prototype.forEach.call(element.options, function (o) { o.defaultSelected = o.value === pair[1]; });
      } else {
        element.defaultValue = pair[1];
      }
    });
    delete rowSent[pk];
  }

  function later(pk) {
    clearTimeout(timers[pk]);
    timers[pk] = setTimeout(function () { send(pk); }, TYPING_PAUSE);
  }

  function changed(pk) {
    changes[pk] = (changes[pk] || 0) + 1;
    setState(pk, text("saving"));
  }

  function flushAll() {
    Object.keys(timers).forEach(function (pk) { send(pk); });
  }

  if (rowsForm) {
    rowsForm.addEventListener("input", function (event) {
      var pk = rowOf(event.target);
      if (!pk || !event.target.name) { return; }
      changed(pk);
      later(pk);
      if (event.target.name === "r" + pk + "-description") { mirrorDescription(pk, event.target.value); }
    });
    rowsForm.addEventListener("change", function (event) {
      var pk = rowOf(event.target);
      if (pk && event.target.name) { send(pk); }
    });
    // Enter in a field submits the form: save what is waiting instead of a full post.
    rowsForm.addEventListener("submit", function (event) {
      event.preventDefault();
      flushAll();
    });
    rowsForm.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      var pk = rowOf(button);
      if (!button || !rowsForm.contains(button)) { return; }
      if (button.name === "save") {
        event.preventDefault();
        flushAll();
      } else if (pk && (button.name === "remove" || button.name === "move_up" || button.name === "move_down")) {
        event.preventDefault();
        if (timers[pk] && button.name !== "remove") { send(pk); }  // a move shows the row as saved
        var values = {};
        values[button.name] = button.value;
        send(pk, values);
      } else if (pk && button.name === "r" + pk + "-keep_mine") {
        event.preventDefault();
        var keep = {};
        keep[button.name] = button.value;
        send(pk, keep);
      } else if (pk && button.name === "restore") {
        event.preventDefault();
        onlyRow(line(pk), "x" + pk + "-");
        htmx.ajax("POST", rowsForm.dataset.restoreUrl.replace(/0\/tillbaka\/$/, pk + "/tillbaka/"),
          { source: line(pk), swap: "none" }).catch(function () {});
      }
    });
  }

  // A row's details open in place: fetched once, then shown and hidden.
  doc.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#rows-table a[id$='-t']");
    if (link) {
      event.preventDefault();
      var pk = rowOf(link);
      var details = byId("r" + pk + "-d");
      if (details) {
        details.hidden = !details.hidden;
        link.setAttribute("aria-expanded", String(!details.hidden));
      } else {
        // From the line, so that it waits for a save of the row under way (one queue per row).
        htmx.ajax("GET", rowUrl(pk), { source: line(pk), swap: "none" }).catch(function () {});
      }
      return;
    }
    var theirs = event.target.closest && event.target.closest("a.take-theirs");
    if (theirs) {
      event.preventDefault();
      var row = rowOf(theirs);
      delete changes[row];
      htmx.ajax("GET", rowUrl(row, "?hela=1"), { source: line(row), swap: "none" }).then(function () {
        var description = byId("r" + row + "-description");
        if (description) { description.focus(); }
      });
    }
  });
  // The link is a button once scripts run: Space works as on a button.
  doc.addEventListener("keydown", function (event) {
    if (event.key === " " && event.target.matches && event.target.matches("#rows-table a[role='button']")) {
      event.preventDefault();
      event.target.click();
    }
  });

  // "Rad 3": a row added, moved or removed renumbers the rows after it, on the page only.
  function renumber() {
    var rows = doc.querySelectorAll("#rows-table tr.row:not(.row--removed)");
    for (var i = 0; i < rows.length; i++) {
      var pk = rows[i].id.slice(1);
      var numbers = doc.querySelectorAll("#r" + pk + " .n, #r" + pk + "-m .n, #r" + pk + "-d .n");
      for (var j = 0; j < numbers.length; j++) {
        if (numbers[j].textContent !== String(i + 1)) { numbers[j].textContent = String(i + 1); }
      }
    }
  }

  function mirrorDescription(pk, value) {
    var names = doc.querySelectorAll("#r" + pk + " .d, #r" + pk + "-m .d, #r" + pk + "-d .d");
    for (var i = 0; i < names.length; i++) { names[i].textContent = value; }
  }

  // A line's errors are listed under it (the server sends that list, not the inputs being typed
  // in): point each input at its error, and no longer at one that went away.
  function describe(input, id, on) {
    var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (part) {
      return part && part !== id;
    });
    if (on) { ids.push(id); }
    if (ids.length) { input.setAttribute("aria-describedby", ids.join(" ")); } else { input.removeAttribute("aria-describedby"); }
  }
  function markErrors() {
    if (!rowsForm) { return; }
    var wanted = {};
    var listed = rowsForm.querySelectorAll("li[data-field]");
    for (var i = 0; i < listed.length; i++) { wanted[listed[i].dataset.field] = listed[i].id; }
    var marked = rowsForm.querySelectorAll("tr.row [aria-invalid='true']");
    for (var m = 0; m < marked.length; m++) {
      if (!wanted[marked[m].name]) {
        marked[m].removeAttribute("aria-invalid");
        describe(marked[m], marked[m].name + "_error", false);
      }
    }
    Object.keys(wanted).forEach(function (name) {
      var input = rowsForm.elements[name];
      if (input && input.type !== "hidden" && input.setAttribute) {
        input.setAttribute("aria-invalid", "true");
        describe(input, wanted[name], true);
      }
    });
  }

  // A field's error slot (forms' _field.html: "<id>_error", always on the page) is filled or
  // emptied by an answer; its input is marked invalid, and its field drawn so, to match.
  function markFieldErrors() {
    var slots = doc.querySelectorAll(".field p.field-error[id$='_error']");
    for (var i = 0; i < slots.length; i++) {
      var input = byId(slots[i].id.replace(/_error$/, ""));
      var wrong = slots[i].textContent.trim() !== "";
      var wrapper = slots[i].closest(".field");
      if (wrapper) { wrapper.classList.toggle("field--error", wrong); }
      if (!input || !input.setAttribute) { continue; }
      if (wrong) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    }
  }

  // --- Answers and failures ----------------------------------------------------------------

  function isRowRequest(element) {
    return rowsForm && rowsForm.contains(element) && rowOf(element);
  }

  doc.body.addEventListener("htmx:beforeRequest", function () { inFlight += 1; });
  // A row's post says what its page showed, taken when the request leaves (after the answer
  // to the one before it moved the shown values on).
  doc.body.addEventListener("htmx:configRequest", function (event) {
    var element = event.detail.elt;
    var pk = isRowRequest(element);
    if (!pk || element !== line(pk) || event.detail.verb !== "post") { return; }
    var shown = shownValues(pk);
    Object.keys(shown).forEach(function (name) {
      var values = shown[name];
      event.detail.parameters[name] = values.length === 1 ? values[0] : values.length ? values : "";
    });
  });
  doc.body.addEventListener("behov:saved", function (event) {
    moveShown(String(event.detail.row));
  });
  doc.body.addEventListener("htmx:afterRequest", function (event) {
    inFlight = Math.max(0, inFlight - 1);
    var element = event.detail.elt;
    var xhr = event.detail.xhr;
    if (xhr && xhr.status === 409) {
      var stale = isRowRequest(element);
      if (stale) { delete lastSent[stale]; }
      if (autosaved[element.id]) { autosaved[element.id].last = null; }
    }
    if (!event.detail.successful || !xhr || xhr.status === 409) { return; }
    var pk = isRowRequest(element);
    if (pk && element === line(pk) && String(changes[pk] || 0) === element.dataset.sent) {
      delete changes[pk];
    }
    var auto = autosaved[element.id];
    if (auto && String(auto.changes) === element.dataset.sent) {
      auto.changes = 0;
    }
    clearProblem(element);
  });

  var problems = {}; // where -> the function that tries again
  function problemText(status, xhr) {
    // A 503 that says why in a sentence of its own (the database is unavailable: nothing was
    // saved, what was typed is still here) is shown as the server wrote it, in the page's language.
    var type = (xhr && xhr.getResponseHeader("Content-Type")) || "";
    if (status === 503 && type.indexOf("text/plain") === 0 && xhr.responseText) {
      return xhr.responseText;
    }
    if (status === 0) { return text("errorNetwork"); }
    if (status === 404) { return text("errorGone"); }
    if (status === 403) { return text("errorForbidden"); }
    if (status === 429) { return text("errorBusy"); }
    if (status >= 500) { return text("errorServer"); }
    return text("errorOther");
  }

  // Where a failure is shown: under the row's line, or in the form's message slot.
  function problemSlot(element) {
    var pk = isRowRequest(element) || rowOf(element);
    if (pk && byId("r" + pk + "-m")) { return byId("r" + pk + "-m"); }
    var form = element.closest && element.closest("form");
    if (form && form.dataset.message) { return byId(form.dataset.message); }
    return null;
  }

  function clearProblem(element) {
    var slot = problemSlot(element);
    var shown = slot && slot.querySelector(".problem");
    if (shown) { shown.remove(); }
    if (slot && !slot.textContent.trim()) { slot.hidden = true; }
  }

  // `said`: the words to show instead of those for the status (the PDF button's).
  function showProblem(element, status, retry, xhr, said) {
    var slot = problemSlot(element);
    if (!slot) { return; }
    var message = said || problemText(status, xhr);
    var box = doc.createElement("div");
    box.className = "problem";
    var paragraph = doc.createElement("p");
    paragraph.textContent = message;
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "button button--small";
    if (status === 404) {
      button.textContent = text("reload");
      button.addEventListener("click", function () { window.location.reload(); });
    } else {
      button.textContent = text("retry");
      button.addEventListener("click", function () { box.remove(); retry(); });
    }
    box.appendChild(paragraph);
    box.appendChild(button);
    var old = slot.querySelector(".problem");
    if (old) { old.remove(); }
    if (slot.tagName === "TR") {
      var cell = slot.querySelector("td");
      if (!cell) {
        cell = doc.createElement("td");
        cell.colSpan = doc.querySelectorAll("#rows-table thead th").length;
        slot.appendChild(cell);
      }
      slot.classList.add("row-message");
      cell.insertBefore(box, cell.firstChild);
    } else {
      slot.insertBefore(box, slot.firstChild);
    }
    slot.hidden = false;
    announce(message);
  }

  function retryFor(detail) {
    var element = detail.elt;
    var config = detail.requestConfig || {};
    var pk = isRowRequest(element);
    var params = config.parameters || {};
    if (pk) {
      var values = {};
      ["remove", "move_up", "move_down", "r" + pk + "-keep_mine"].forEach(function (name) {
        if (params[name] !== undefined) { values[name] = params[name]; }
      });
      return function () { send(pk, values); };
    }
    var verb = (config.verb || "post").toUpperCase();
    return function () { htmx.ajax(verb, config.path, { source: element, swap: "none", values: config.parameters }); };
  }

  function failed(event) {
    var detail = event.detail;
    var status = detail.xhr ? detail.xhr.status : 0;
    if (event.type !== "htmx:responseError") { status = 0; }
    var pk = isRowRequest(detail.elt);
    if (pk) { setState(pk, text("unsaved")); delete lastSent[pk]; }
    if (autosaved[detail.elt.id]) { autosaved[detail.elt.id].last = null; }
    if (status === 404 && pk) { delete changes[pk]; }  // gone: nothing left to save there
    showProblem(detail.elt, status, retryFor(detail), detail.xhr);
  }
  doc.body.addEventListener("htmx:responseError", failed);
  doc.body.addEventListener("htmx:sendError", failed);
  doc.body.addEventListener("htmx:timeout", failed);

  // After an add, a move, a removal or an undo the server names where the focus goes.
  doc.body.addEventListener("behov:focus", function (event) {
    var selectors = [].concat(event.detail.selector || event.detail.value || []);
    for (var i = 0; i < selectors.length; i++) {
      var target = doc.querySelector(selectors[i]);
      if (target) {
        expandGroupOf(target);
        if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(target.tagName)) {
          target.setAttribute("tabindex", "-1");
        }
        target.focus();
        return;
      }
    }
  });

  // --- The PDF button --------------------------------------------------------------------

  // The PDF opens as a page of its own. When the server cannot make it now (every render slot
  // busy: "Utskriften är köad, försök om en stund"; a draft too large; too many requests), its
  // answer is a page that would take the place of the draft. Instead the button says so where
  // it is, in the words of that page's heading, with a way to try again. So the PDF is asked
  // for once with fetch and then opened by its address, from the server's cache of made PDFs.
  var pdfForm = doc.querySelector(".pdf-form");
  var pdfAsked = false;
  if (pdfForm && window.fetch && window.DOMParser) {
    pdfForm.addEventListener("submit", function (event) {
      event.preventDefault();
      if (pdfAsked) { return; }
      pdfAsked = true;
      var url = pdfForm.action + "?" + new URLSearchParams(new FormData(pdfForm)).toString();
      var retry = function () { pdfForm.requestSubmit(); };
      clearProblem(pdfForm);
      announce(text("pdfMaking"));
      fetch(url, { credentials: "same-origin" }).then(function (response) {
        pdfAsked = false;
        if (response.ok) {
          if (response.body) { response.body.cancel(); }
          window.location.assign(url);
          return null;
        }
        return response.text().then(function (html) {
          var heading = new DOMParser().parseFromString(html, "text/html").querySelector("h1");
          showProblem(pdfForm, response.status, retry, null, heading ? heading.textContent.trim() : "");
        });
      }).catch(function () {
        pdfAsked = false;
        showProblem(pdfForm, 0, retry, null, text("pdfNetwork"));
      });
    });
  }

  // --- The draft's details and parts ----------------------------------------------------

  // A form marked data-autosave (the details, the weeks, the night, the decision) is saved
  // like a row: after the typing pause, and at once on change, each change once.
  var autosaved = {}; // form id -> {changes, timer, last}
  function autosave(form) {
    if (form.dataset.autosaving) { return; }
    form.dataset.autosaving = "1";
    var state = { changes: 0, timer: null, last: snapshot(form, "") };
    autosaved[form.id] = state;
    function save() {
      clearTimeout(state.timer);
      state.timer = null;
      var now = snapshot(form, "");
      if (now === state.last) { return; }
      state.last = now;
      htmx.trigger(form, "behov:save");
    }
    form.addEventListener("input", function (event) {
      if (event.target.type === "radio" || event.target.type === "checkbox") { return; }
      state.changes += 1;
      clearTimeout(state.timer);
      state.timer = setTimeout(save, TYPING_PAUSE);
    });
    form.addEventListener("change", function (event) {
      if (event.target.type === "radio" || event.target.type === "checkbox") { state.changes += 1; }
      save();
    });
    form.addEventListener("htmx:beforeRequest", function (event) {
      if (event.detail.elt !== form) { return; }
      form.dataset.sent = String(state.changes);
      state.last = snapshot(form, "");
    });
  }
  doc.querySelectorAll("form[data-autosave]").forEach(autosave);

  function pendingAutosave() {
    return Object.keys(autosaved).some(function (id) {
      return autosaved[id].changes || autosaved[id].timer;
    });
  }

  // A part whose save changes what the rows ask (the week types, the night, the decision)
  // answers by reloading the page (HX-Refresh): that is no change being lost, and the focus
  // comes back where it was (or to the part's heading when the control is gone), not the top.
  var reloading = false;
  var FOCUS_KEY = "behov-focus";
  doc.body.addEventListener("htmx:beforeOnLoad", function (event) {
    if (event.detail.xhr.getResponseHeader("HX-Refresh") !== "true") { return; }
    reloading = true;
    var active = doc.activeElement;
    var part = active && active.closest ? active.closest("details.part") : null;
    try {
      sessionStorage.setItem(FOCUS_KEY, JSON.stringify({
        id: active && active.id, part: part && part.id, path: location.pathname
      }));
    } catch (error) { /* storage off: the page still reloads */ }
  });
  (function restoreFocus() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(FOCUS_KEY) || "null");
      sessionStorage.removeItem(FOCUS_KEY);
    } catch (error) { return; }
    if (!saved || saved.path !== location.pathname) { return; }
    var target = (saved.id && byId(saved.id)) ||
      (saved.part && byId(saved.part) && byId(saved.part).querySelector("summary"));
    if (target) {
      target.scrollIntoView({ block: "center" });
      target.focus();
    }
  })();

  window.addEventListener("beforeunload", function (event) {
    if (reloading) { return; }
    if (Object.keys(timers).length || Object.keys(changes).length || pendingAutosave() || inFlight) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // --- Personal numbers (assessments/personal_numbers.py does the same check) ----------------

  var CANDIDATE = /(^|\D)(?:(?:18|19|20)(\d{6})|(\d{6}))[-+ ]?(\d{4})(?!\d)/g;
  function luhnValid(digits) {
    var total = 0;
    for (var i = 0; i < digits.length; i++) {
      var value = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
      total += value > 9 ? value - 9 : value;
    }
    return total % 10 === 0;
  }
  function hasPersonalNumber(value) {
    var match;
    CANDIDATE.lastIndex = 0;
    while ((match = CANDIDATE.exec(value || "")) !== null) {
      var date = match[2] || match[3];
      var month = Number(date.slice(2, 4));
      var day = Number(date.slice(4, 6));
      if (day > 60) { day -= 60; }
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31 && luhnValid(date + match[4])) { return true; }
    }
    return false;
  }

  function warnAbout(input) {
    var id = (input.id || input.name) + "_pnr";
    var warning = byId(id);
    var show = hasPersonalNumber(input.value);
    if (show && !warning) {
      warning = doc.createElement("p");
      warning.className = "field-warning";
      warning.id = id;
      warning.textContent = text("personalNumber");
      var pk = rowOf(input);
      var slot = pk && input.closest("#r" + pk) ? byId("r" + pk + "-m") : null;
      if (slot) {
        var cell = slot.querySelector("td");
        if (!cell) {
          cell = doc.createElement("td");
          cell.colSpan = doc.querySelectorAll("#rows-table thead th").length;
          slot.appendChild(cell);
        }
        cell.appendChild(warning);
        slot.classList.add("row-message");
        slot.hidden = false;
      } else {
        input.insertAdjacentElement("afterend", warning);
      }
    } else if (!show && warning) {
      var holder = warning.closest("tr");
      warning.remove();
      if (holder && !holder.textContent.trim()) { holder.hidden = true; }
    }
    describe(input, id, show);
  }
  doc.addEventListener("input", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-pn")) { warnAbout(event.target); }
  });

  // --- The catalogue: a filter over the list -------------------------------------------------
  // catalogue.matches in Python, mirrored: every word typed (small words ignored) begins a word
  // of the item's terms (data-terms: " word word ...", already normalised by the server).

  var filterTimer = null;
  function words(value) {
    return (value || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .match(/[0-9a-z]+/g) || [];
  }
  function queryWords(input) {
    var ignored = " " + (input.dataset.ignore || "") + " ";
    return words(input.value).filter(function (word) { return ignored.indexOf(" " + word + " ") < 0; });
  }
  function filterCatalogue(input) {
    var query = queryWords(input);
    var groups = doc.querySelectorAll("#add .catalogue-group");
    var found = 0;
    for (var g = 0; g < groups.length; g++) {
      var group = groups[g];
      var items = group.querySelectorAll(".catalogue-items > li");
      var inGroup = 0;
      for (var i = 0; i < items.length; i++) {
        var terms = items[i].dataset.terms || "";
        var match = query.every(function (word) { return terms.indexOf(" " + word) >= 0; });
        items[i].hidden = !match;
        items[i].querySelector("button").disabled = !match;
        if (match) { inGroup += 1; }
      }
      found += inGroup;
      group.hidden = query.length > 0 && inGroup === 0;
      if (query.length) {
        if (!("wasOpen" in group.dataset)) { group.dataset.wasOpen = group.open ? "1" : ""; }
        group.open = inGroup > 0;
      } else if ("wasOpen" in group.dataset) {
        group.open = group.dataset.wasOpen === "1";
        delete group.dataset.wasOpen;
      }
    }
    var message = !query.length ? "" : found === 0 ? text("filterNone") : found === 1 ? text("filterOne")
      : text("filterMany").replace("%s", String(found));
    var count = byId("catalogue-count");
    if (count) { count.textContent = message; }
    // Nothing found: the words typed become the own row's description, and its form opens
    // (issue 23 item 2).
    var none = byId("catalogue-none");
    var description = byId("add-description");
    if (none) { none.hidden = !query.length || found > 0; }
    if (none && !none.hidden) {
      var own = byId("own-row");
      if (own) { own.open = true; }
      if (description) { description.value = input.value.trim(); }
    }
    return message;
  }
  doc.addEventListener("input", function (event) {
    if (event.target.id !== "catalogue-filter") { return; }
    var message = filterCatalogue(event.target);
    clearTimeout(filterTimer);
    if (message) { filterTimer = setTimeout(function () { announce(message); }, 800); }
  });
  // With this file the list is filtered as the person types: the search form's button (and
  // Enter) only says the count again, the page is not fetched.
  doc.addEventListener("submit", function (event) {
    if (event.target.id !== "catalogue-search") { return; }
    event.preventDefault();
    var message = filterCatalogue(byId("catalogue-filter"));
    if (message) { announce(message); }
  });
  // How many are marked, beside "Lägg till de markerade".
  doc.addEventListener("change", function (event) {
    if (!event.target.classList || !event.target.classList.contains("pick")) { return; }
    var marked = doc.querySelectorAll("#add input.pick:checked").length;
    var count = byId("marked-count");
    if (count) {
      count.textContent = !marked ? "" : marked === 1 ? text("markedOne")
        : text("markedMany").replace("%s", String(marked));
    }
  });

  // Said once after the page came back from an action that was not htmx ("3 rader tillagda").
  (function () {
    var status = byId("status");
    if (status && status.dataset.announce) {
      announce(status.dataset.announce);
      delete status.dataset.announce;
    }
  })();

  // --- Back to the search after a row (issue 23 item 4) -------------------------------------
  // "Lägg till nästa behov" on the row just added and "Till Lägg till behov" after each need go
  // straight into the search, its words selected so that the next ones replace them.
  doc.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.to-add");
    if (!link) { return; }
    var search = byId("catalogue-filter");
    var target = search && search.offsetParent !== null ? search : byId("add-heading");
    if (!target) { return; }
    event.preventDefault();
    if (target !== search) { target.setAttribute("tabindex", "-1"); }
    target.focus();
    if (target === search) { search.select(); }
  });

  // An own row added: its questions start afresh for the next one ("Vet inte" chosen again).
  doc.body.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.id === "own-row-form" && event.detail.successful) { form.reset(); }
  });

  // --- Needs that fold away ------------------------------------------------------------------

  var collapsed = new Set();
  function setGroup(tbody, open) {
    var button = tbody.querySelector(".group-toggle");
    tbody.classList.toggle("need-group--collapsed", !open);
    if (button) { button.setAttribute("aria-expanded", String(open)); }
    if (open) { collapsed.delete(tbody.id); } else { collapsed.add(tbody.id); }
  }
  function expandGroupOf(element) {
    var tbody = element.closest && element.closest("tbody.need-group");
    if (tbody && tbody.classList.contains("need-group--collapsed")) { setGroup(tbody, true); }
  }
  doc.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".group-toggle");
    if (button) { setGroup(button.closest("tbody"), button.getAttribute("aria-expanded") !== "true"); }
  });

  // --- On load and after every swap ----------------------------------------------------------

  function enhance(root) {
    var scope = root.querySelectorAll ? root : doc;
    var hidden = scope.querySelectorAll("[data-enhance]");
    for (var i = 0; i < hidden.length; i++) {
      hidden[i].hidden = false;
      var title = hidden[i].previousElementSibling;
      if (title && title.classList.contains("group-title")) { title.hidden = true; }
    }
    var toggles = doc.querySelectorAll("#rows-table a[id$='-t']");
    for (var t = 0; t < toggles.length; t++) {
      if (!rowsForm || !rowsForm.contains(toggles[t])) { continue; }
      toggles[t].setAttribute("role", "button");
      var controlled = byId("r" + rowOf(toggles[t]) + "-d");
      toggles[t].setAttribute("aria-expanded", String(!!controlled && !controlled.hidden));
      if (controlled) {
        toggles[t].setAttribute("aria-controls", controlled.id);
      } else {
        toggles[t].removeAttribute("aria-controls");  // nothing to point at until it is opened
      }
    }
    collapsed.forEach(function (id) {
      var tbody = byId(id);
      if (tbody && !tbody.classList.contains("need-group--collapsed")) { setGroup(tbody, false); }
    });
  }

  // The results are replaced on every recompute; keep "Så räknade vi" open if it was.
  var openDetails = new Set();
  doc.body.addEventListener("toggle", function (event) {
    var element = event.target;
    if (element.tagName === "DETAILS" && element.id) {
      if (element.open) { openDetails.add(element.id); } else { openDetails.delete(element.id); }
    }
  }, true);

  doc.body.addEventListener("htmx:afterSettle", function () {
    openDetails.forEach(function (id) {
      var element = byId(id);
      if (element) { element.open = true; }
    });
    enhance(doc);
    renumber();
    markErrors();
    markFieldErrors();
    doc.querySelectorAll("form[data-autosave]").forEach(autosave);  // a part drawn again
  });
  enhance(doc);

  // Select the private link on focus so it can be copied at once.
  doc.addEventListener("focusin", function (event) {
    if (event.target.id === "draft-link") { event.target.select(); }
  });
})();
