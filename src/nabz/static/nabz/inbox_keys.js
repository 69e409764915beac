// Keyboard shortcuts of the inbox queue (listed on the page under "Keyboard shortcuts").
// j / k move between conversations, o or Enter opens one, x chooses it for a bulk action,
// a assigns the chosen (or the current) to me and d marks them done — both through the
// bulk form, which shows a confirmation before anything changes.
(function () {
  "use strict";
  const rows = Array.from(document.querySelectorAll(".inbox-row"));
  const form = document.getElementById("bulk-form");
  if (!rows.length) return;
  let current = -1;

  function focusRow(index) {
    if (index < 0 || index >= rows.length) return;
    if (current >= 0) rows[current].classList.remove("current");
    current = index;
    const row = rows[current];
    row.classList.add("current");
    const link = row.querySelector(".preview a");
    if (link) link.focus();
  }

  function chosen() {
    const boxes = rows.map((r) => r.querySelector('input[name="ids"]')).filter(Boolean);
    const checked = boxes.filter((b) => b.checked);
    if (checked.length) return;
    if (current >= 0 && boxes[current]) boxes[current].checked = true;
  }

  function submitBulk(action) {
    if (!form) return;
    chosen();
    form.querySelector("#bulk-action").value = action;
    if (action === "assign") form.querySelector("#bulk-assignee").value = form.dataset.me;
    form.requestSubmit();
  }

  rows.forEach((row, index) => {
    row.addEventListener("focusin", () => {
      if (current !== index) {
        if (current >= 0) rows[current].classList.remove("current");
        current = index;
        row.classList.add("current");
      }
    });
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    switch (event.key) {
      case "j":
        focusRow(current + 1);
        break;
      case "k":
        focusRow(Math.max(current - 1, 0));
        break;
      case "o":
        if (current >= 0) rows[current].querySelector(".preview a").click();
        break;
      case "x":
        if (current >= 0) {
          const box = rows[current].querySelector('input[name="ids"]');
          if (box) box.checked = !box.checked;
        }
        break;
      case "a":
        submitBulk("assign");
        break;
      case "d":
        submitBulk("done");
        break;
      default:
        return;
    }
    event.preventDefault();
  });
})();
