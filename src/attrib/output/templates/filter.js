// The index's filter: reveals the form, then hides the rows whose outlets and agencies
// (JSON lists in data-outlets, data-wires) do not include the ones chosen; a story goes when
// none of its articles is left, and its line in the list by time goes with it. It never
// adds markup: every row is in the page, and shown, without it. Allowed by its hash in the
// page's Content-Security-Policy, so any change here changes the policy too.
(() => {
  "use strict";
  const form = document.getElementById("filters");
  const outlet = document.getElementById("filter-outlet");
  const wire = document.getElementById("filter-wire");
  const status = document.getElementById("filter-status");
  const rows = Array.from(document.querySelectorAll("[data-outlets]"), (row) => ({
    row,
    outlets: JSON.parse(row.dataset.outlets),
    wires: JSON.parse(row.dataset.wires),
  }));
  const stories = Array.from(document.querySelectorAll("tbody.story"));
  const lines = Array.from(document.querySelectorAll("[data-story]"));
  // The first option of each list is "all": an outlet may be "" (unknown), so the value
  // alone cannot say "any".
  const chosen = (select) => (select.selectedIndex > 0 ? select.value : null);

  function apply() {
    const o = chosen(outlet);
    const w = chosen(wire);
    for (const item of rows) {
      item.row.hidden =
        (o !== null && !item.outlets.includes(o)) || (w !== null && !item.wires.includes(w));
    }
    for (const story of stories) {
      story.hidden = !story.querySelector("tr.article:not([hidden])");
    }
    for (const line of lines) {
      line.hidden = document.getElementById(line.dataset.story).hidden;
    }
    const shown = stories.filter((story) => !story.hidden).length;
    status.textContent =
      o === null && w === null ? "" : `${shown} of ${stories.length} stories shown`;
  }

  form.addEventListener("change", apply);
  form.addEventListener("reset", () => setTimeout(apply));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply();
})();
