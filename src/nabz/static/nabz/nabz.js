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
