// Behaviour that CSP keeps out of inline attributes.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});

document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

// Score grid: Enter moves down the column; the level follows the total as it is typed.
const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";
function toArabic(text) {
  return text.replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d)));
}

document.addEventListener("keydown", (event) => {
  const cell = event.target.closest(".grid-cell");
  if (!cell || event.key !== "Enter") return;
  event.preventDefault();
  const cells = Array.from(cell.form.querySelectorAll(".grid-cell"));
  const next = cells[cells.indexOf(cell) + (event.shiftKey ? -1 : 1)];
  if (next) {
    next.focus({ preventScroll: true });
    keepClearOfBars(next);
    if (next.select) next.select();
  }
});

function showLevel(grid) {
  const source = grid.querySelector("[data-level-source]");
  const output = grid.querySelector("#computed-level");
  if (!source || !output) return;
  const bands = JSON.parse(grid.dataset.bands || "[]");
  const value = Number(toArabic(source.value.trim()));
  let level = "—";
  if (source.value.trim() !== "" && !Number.isNaN(value) && value >= 0 && value <= 100) {
    const band = bands.find(([min]) => value >= Number(min));
    level = band ? band[1] : "—";
  } else if (source.value.trim() !== "") {
    level = "?";
  }
  output.textContent = level;
}

document.addEventListener("input", (event) => {
  const grid = event.target.closest("#score-grid");
  if (grid && event.target.matches("[data-level-source]")) showLevel(grid);
});
document.addEventListener("DOMContentLoaded", () => {
  const grid = document.getElementById("score-grid");
  if (grid) showLevel(grid);
});

document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

// Formsets (the approval route): "add" clones the empty form, numbered in Thai digits, so a
// chain of any length is entered in one go.
function thaiDigits(value) {
  return String(value).replace(/[0-9]/g, (d) => THAI_DIGITS[Number(d)]);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-formset-add]");
  if (!button) return;
  const box = button.closest("[data-formset]");
  const prefix = box.dataset.formset;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const count = Number(total.value);
  if (count >= Number(box.dataset.max)) return;
  const html = box.querySelector("template[data-formset-empty]").innerHTML;
  const holder = document.createElement("div");
  holder.innerHTML = html.replace(/__prefix__/g, String(count));
  const row = holder.firstElementChild;
  row.querySelector(".route-number").textContent = `${thaiDigits(count + 1)}.`;
  box.querySelector("[data-formset-rows]").appendChild(row);
  total.value = String(count + 1);
  if (count + 1 >= Number(box.dataset.max)) button.hidden = true;
  const first = row.querySelector("select");
  if (first) first.focus();
});

// A form marked data-reset-on="event" is emptied when the server announces that event (the
// HX-Trigger header of a successful save), ready for the next entry.
document.body.addEventListener("step-added", () => {
  document.querySelectorAll('form[data-reset-on="step-added"]').forEach((form) => {
    form.reset();
    const first = form.querySelector("textarea, input:not([type=hidden])");
    if (first) first.focus();
  });
});

// Date fields take day/month/year: Buddhist era and Thai digits on Thai pages, Christian era
// on English ones (the server reads both). A calendar button beside each opens a month grid
// drawn here, in the page's own era, months and digits (the browser's own picker can only
// show the Christian era). Its words come from the field's data attributes, translated by
// the server.
function parseTyped(text) {
  const match = toArabic(text.trim()).match(/^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/);
  if (!match) return null;
  let year = Number(match[3]);
  if (year < 100) year += 2500;
  if (year >= 2400) year -= 543;
  const day = new Date(year, Number(match[2]) - 1, Number(match[1]));
  return Number.isNaN(day.getTime()) ? null : day;
}

function calendarWords(field) {
  const data = field.dataset;
  const be = data.era !== "ce";
  const digits = (value) => (be ? thaiDigits(value) : String(value));
  return {
    be,
    digits,
    months: (data.months || "").split(","),
    days: (data.days || "").split(","),
    year: (date) => digits(date.getFullYear() + (be ? 543 : 0)),
    typed: (date) => {
      const pad = (n) => String(n).padStart(2, "0");
      return digits(`${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear() + (be ? 543 : 0)}`);
    },
  };
}

function openCalendar(field, group) {
  closeCalendars();
  const words = calendarWords(field);
  const chosen = parseTyped(field.value);
  let shown = chosen ? new Date(chosen) : new Date();
  shown.setDate(1);
  const box = document.createElement("div");
  box.className = "thai-calendar card shadow-sm";
  box.setAttribute("role", "dialog");
  box.setAttribute("aria-label", field.dataset.pickLabel || "");
  const draw = () => {
    box.textContent = "";
    const head = document.createElement("div");
    head.className = "d-flex justify-content-between align-items-center mb-1";
    const step = (by, label, text) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-link";
      button.setAttribute("aria-label", label);
      button.textContent = text;
      button.addEventListener("click", () => {
        shown = new Date(shown.getFullYear(), shown.getMonth() + by, 1);
        draw();
        box.querySelector(`[data-step="${by}"]`).focus();
      });
      button.dataset.step = by;
      return button;
    };
    const title = document.createElement("strong");
    title.className = "thai-calendar-title";
    title.textContent = `${words.months[shown.getMonth()]} ${words.year(shown)}`;
    head.append(step(-1, field.dataset.prev || "", "‹"), title, step(1, field.dataset.next || "", "›"));
    const table = document.createElement("table");
    table.className = "table table-sm mb-0 text-center";
    const names = document.createElement("tr");
    words.days.forEach((name) => {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      names.append(th);
    });
    const thead = document.createElement("thead");
    thead.append(names);
    const body = document.createElement("tbody");
    const first = new Date(shown.getFullYear(), shown.getMonth(), 1);
    const last = new Date(shown.getFullYear(), shown.getMonth() + 1, 0).getDate();
    let row = document.createElement("tr");
    for (let blank = 0; blank < first.getDay(); blank++) row.append(document.createElement("td"));
    const today = new Date();
    for (let day = 1; day <= last; day++) {
      const date = new Date(shown.getFullYear(), shown.getMonth(), day);
      const cell = document.createElement("td");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm thai-calendar-day";
      if (chosen && date.toDateString() === chosen.toDateString()) button.classList.add("btn-primary");
      else if (date.toDateString() === today.toDateString()) button.classList.add("btn-outline-primary");
      button.textContent = words.digits(day);
      button.setAttribute("aria-label", `${words.digits(day)} ${words.months[date.getMonth()]} ${words.year(date)}`);
      button.addEventListener("click", () => {
        field.value = words.typed(date);
        field.dispatchEvent(new Event("change", { bubbles: true }));
        closeCalendars();
        field.focus();
      });
      cell.append(button);
      row.append(cell);
      if (date.getDay() === 6) {
        body.append(row);
        row = document.createElement("tr");
      }
    }
    if (row.children.length) body.append(row);
    table.append(thead, body);
    box.append(head, table);
  };
  draw();
  group.append(box);
  const focus = box.querySelector(".btn-primary, .btn-outline-primary, .thai-calendar-day");
  if (focus) focus.focus();
}

function closeCalendars() {
  document.querySelectorAll(".thai-calendar").forEach((box) => box.remove());
}

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && document.querySelector(".thai-calendar")) closeCalendars();
});
document.addEventListener("click", (event) => {
  // A month button redraws the grid, so its target may be gone from the page by now.
  if (event.target.isConnected && !event.target.closest(".thai-date-group")) closeCalendars();
});

function enhanceDates(root) {
  root.querySelectorAll("input[data-thai-date]:not([data-enhanced])").forEach((field) => {
    field.dataset.enhanced = "1";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary thai-date-button";
    button.setAttribute("aria-label", field.dataset.pickLabel || "");
    button.setAttribute("aria-haspopup", "dialog");
    button.textContent = field.dataset.pickText || "📅";
    const group = document.createElement("div");
    group.className = "input-group thai-date-group";
    button.addEventListener("click", () => {
      if (group.querySelector(".thai-calendar")) closeCalendars();
      else openCalendar(field, group);
    });
    field.parentNode.insertBefore(group, field);
    group.append(field, button);
  });
}

document.addEventListener("DOMContentLoaded", () => enhanceDates(document));
document.addEventListener("htmx:load", (event) => enhanceDates(event.target));

// Score grid: the field being typed in is never left under the sticky save bar (nor under
// the sticky table head). Measured after the browser's own scroll-into-view has run.
function keepClearOfBars(cell) {
  const bar = document.querySelector("#score-grid .grid-save-bar");
  if (!bar) return;
  const field = cell.getBoundingClientRect();
  const barTop = bar.getBoundingClientRect().top;
  const margin = 12;
  // Instant: Bootstrap makes scrolling smooth, and a clerk typing fast outruns the animation.
  let by = 0;
  if (field.bottom > barTop - margin) by = field.bottom - barTop + margin;
  else if (field.top < 48) by = field.top - 48;
  if (by) window.scrollBy({ top: by, behavior: "instant" });
}

document.addEventListener("focusin", (event) => {
  const cell = event.target.closest("#score-grid input, #score-grid select");
  if (cell) requestAnimationFrame(() => keepClearOfBars(cell));
});

// Score grid: a column copied from Excel, pasted into one cell, fills that cell and the
// cells below it of the same kind (questions, or indicators), one line each.
const PASS_WORDS = { "ผ่าน": "pass", "pass": "pass", "1": "pass", "ไม่ผ่าน": "fail", "fail": "fail", "0": "fail" };

function gridKind(cell) {
  const name = cell.name || "";
  if (name.startsWith("item_") || name.startsWith("pass_")) return "item";
  return name.split("_")[0];
}

document.addEventListener("paste", (event) => {
  const cell = event.target.closest("#score-grid .grid-cell");
  if (!cell || !event.clipboardData) return;
  const text = event.clipboardData.getData("text/plain").replace(/\r/g, "");
  const lines = text.replace(/\n+$/, "").split("\n").map((line) => line.split("\t")[0].trim());
  if (lines.length < 2) return;
  event.preventDefault();
  const kind = gridKind(cell);
  const cells = Array.from(cell.form.querySelectorAll(".grid-cell"));
  const targets = cells.slice(cells.indexOf(cell)).filter((c) => gridKind(c) === kind);
  lines.slice(0, targets.length).forEach((value, index) => {
    const target = targets[index];
    if (target.tagName === "SELECT") {
      const chosen = PASS_WORDS[toArabic(value).toLowerCase()];
      if (chosen !== undefined) target.value = chosen;
    } else {
      target.value = value;
    }
    target.dispatchEvent(new Event("input", { bubbles: true }));
  });
  const last = targets[Math.min(lines.length, targets.length) - 1];
  if (last) last.focus();
});

// "Tick all" boxes: a box with data-check-all="NAME" ticks or clears every box named NAME.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-check-all]");
  if (!all) return;
  document.querySelectorAll(`input[type=checkbox][name="${all.dataset.checkAll}"]`).forEach((box) => {
    box.checked = all.checked;
  });
});

// Long many-choice lists get a filter box: typing hides the boxes whose label does not match
// (ticked ones stay visible, so what is chosen is never hidden).
function enhanceChoiceLists(root) {
  root.querySelectorAll("input[data-choice-list]:not([data-filtered])").forEach((first) => {
    const list = first.closest(".form-check")?.parentElement;
    if (!list || list.dataset.filterReady) return;
    list.querySelectorAll("input[data-choice-list]").forEach((box) => { box.dataset.filtered = "1"; });
    list.dataset.filterReady = "1";
    const rows = Array.from(list.querySelectorAll(":scope > .form-check"));
    if (rows.length < 9) return;
    const filter = document.createElement("input");
    filter.type = "search";
    filter.className = "form-control form-control-sm mb-1 choice-filter";
    filter.placeholder = first.dataset.filterLabel || "";
    filter.setAttribute("aria-label", first.dataset.filterLabel || "");
    filter.addEventListener("input", () => {
      const wanted = filter.value.trim().toLowerCase();
      rows.forEach((row) => {
        const box = row.querySelector("input");
        const match = !wanted || row.textContent.toLowerCase().includes(wanted) || box.checked;
        row.hidden = !match;
      });
    });
    list.parentNode.insertBefore(filter, list);
  });
}

document.addEventListener("DOMContentLoaded", () => enhanceChoiceLists(document));
document.addEventListener("htmx:load", (event) => enhanceChoiceLists(event.target));
