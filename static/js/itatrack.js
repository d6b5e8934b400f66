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

// Date fields take day/month/Buddhist-era year. A calendar button beside each opens the
// browser's own picker (Christian era inside) and writes the day picked back in BE.
function beToIso(text) {
  const match = toArabic(text.trim()).match(/^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/);
  if (!match) return "";
  let year = Number(match[3]);
  if (year < 100) year += 2500;
  if (year >= 2400) year -= 543;
  const pad = (n) => String(n).padStart(2, "0");
  return `${year}-${pad(match[2])}-${pad(match[1])}`;
}

function isoToBe(iso) {
  const [year, month, day] = iso.split("-");
  return thaiDigits(`${day}/${month}/${Number(year) + 543}`);
}

function enhanceDates(root) {
  root.querySelectorAll("input[data-thai-date]:not([data-enhanced])").forEach((field) => {
    field.dataset.enhanced = "1";
    const picker = document.createElement("input");
    picker.type = "date";
    picker.className = "thai-date-picker";
    picker.tabIndex = -1;
    picker.setAttribute("aria-hidden", "true");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary thai-date-button";
    button.setAttribute("aria-label", field.dataset.pickLabel || "เลือกวันที่จากปฏิทิน");
    button.textContent = field.dataset.pickText || "ปฏิทิน";
    button.addEventListener("click", () => {
      picker.value = beToIso(field.value);
      if (picker.showPicker) picker.showPicker();
      else picker.click();
    });
    picker.addEventListener("change", () => {
      if (!picker.value) return;
      field.value = isoToBe(picker.value);
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
    const group = document.createElement("div");
    group.className = "input-group thai-date-group";
    field.parentNode.insertBefore(group, field);
    group.append(field, button, picker);
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
