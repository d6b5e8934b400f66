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
    next.focus();
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
