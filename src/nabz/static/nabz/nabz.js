// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit")) {
    target.form.requestSubmit();
  }
});

// The Trust Gate's one-click fixes. Offsets from the engine count code points,
// so the text is sliced as an array of code points, not UTF-16 units. The fix is
// applied only if the span still holds the text that was checked.
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest(".apply-fix") : null;
  if (!button) return;
  const field = document.querySelector(`[data-trust-text="${button.dataset.target}"]`);
  if (!field) return;
  const chars = Array.from(field.value);
  const start = Number(button.dataset.start);
  const end = Number(button.dataset.end);
  if (chars.slice(start, end).join("") !== button.dataset.text) {
    button.disabled = true;
    button.textContent = button.dataset.stale || "The text changed; checking again…";
    field.dispatchEvent(new Event("input", { bubbles: true }));
    return;
  }
  field.value = [...chars.slice(0, start), button.dataset.replacement, ...chars.slice(end)].join("");
  field.focus();
  field.dispatchEvent(new Event("input", { bubbles: true }));
});

// Calendar: drag a post to another day. The same move works without a mouse
// through each post's "Move" form.
(() => {
  let dragged = null;
  document.addEventListener("dragstart", (event) => {
    const chip = event.target instanceof Element ? event.target.closest("[data-post]") : null;
    if (!chip) return;
    dragged = chip;
    event.dataTransfer.setData("text/plain", chip.dataset.post);
    event.dataTransfer.effectAllowed = "move";
  });
  document.addEventListener("dragover", (event) => {
    const cell = event.target instanceof Element ? event.target.closest("[data-drop]") : null;
    if (cell && dragged) { event.preventDefault(); cell.classList.add("drop-target"); }
  });
  document.addEventListener("dragleave", (event) => {
    const cell = event.target instanceof Element ? event.target.closest("[data-drop]") : null;
    if (cell) cell.classList.remove("drop-target");
  });
  document.addEventListener("drop", async (event) => {
    const cell = event.target instanceof Element ? event.target.closest("[data-drop]") : null;
    if (!cell || !dragged) return;
    event.preventDefault();
    cell.classList.remove("drop-target");
    const table = cell.closest("[data-move-url]");
    const csrf = document.querySelector("[name=csrfmiddlewaretoken]");
    const body = new FormData();
    body.append("post", dragged.dataset.post);
    body.append("date", cell.dataset.date);
    const response = await fetch(table.dataset.moveUrl, {
      method: "POST", body, headers: { "Accept": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
    });
    const result = await response.json().catch(() => ({ ok: false, error: response.statusText }));
    if (result.ok) {
      cell.appendChild(dragged);
      const input = dragged.querySelector("input[type=date]");
      if (input) input.value = cell.dataset.date;
    } else {
      alert(result.error);
    }
    dragged = null;
  });
})();

// The publish-time picker in the reader's calendar (Jalali; Gregorian with the Hijri date
// beside it). The server draws each month and gives every day its Gregorian date; this
// only swaps the browser's own date input for it and copies the chosen date and time into
// that input, which the form sends. Without JavaScript the browser's input stays.
(() => {
  const localDigits = (text, digits) =>
    digits ? String(text).replace(/[0-9]/g, (d) => digits[Number(d)]) : String(text);

  const setUp = (picker) => {
    const input = document.getElementById(picker.dataset.pickerFor);
    if (!input || picker.dataset.ready) return;
    picker.dataset.ready = "1";
    const ui = picker.querySelector(".picker-ui");
    const time = picker.querySelector(".picker-time");
    const chosen = picker.querySelector(".picker-chosen");
    const field = input.closest(".field");
    if (field) field.classList.add("has-picker");
    input.type = "hidden";
    const label = field ? field.querySelector("label") : null;
    if (label) label.htmlFor = time.id;
    ui.hidden = false;

    const show = () => {
      const day = picker.querySelector('.picker-day[aria-pressed="true"]');
      chosen.textContent = day ? `${day.getAttribute("aria-label")} ${localDigits(time.value, picker.dataset.digits)}` : "";
    };
    const write = () => {
      if (!picker.dataset.selected) return;
      input.value = `${picker.dataset.selected}T${time.value || "09:00"}`;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      show();
    };
    picker.addEventListener("click", async (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const day = target ? target.closest(".picker-day") : null;
      if (day && !day.disabled) {
        picker.querySelectorAll(".picker-day").forEach((b) => b.setAttribute("aria-pressed", "false"));
        day.setAttribute("aria-pressed", "true");
        picker.dataset.selected = day.dataset.date;
        write();
        return;
      }
      const nav = target ? target.closest(".picker-nav") : null;
      if (!nav) return;
      const url = `${picker.dataset.url}?month=${nav.dataset.month}&selected=${picker.dataset.selected || ""}`;
      const response = await fetch(url, { headers: { "Accept": "text/html" } });
      if (response.ok) {
        picker.querySelector(".picker-grid").innerHTML = await response.text();
        const again = picker.querySelector(".picker-nav");
        if (again) again.focus();
      }
    });
    time.addEventListener("change", write);
    show();
  };
  const all = () => document.querySelectorAll(".date-picker[data-picker-for]").forEach(setUp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();
