// Data entry grid: Enter and arrow keys move between cells, like a spreadsheet.
// Saving happens through htmx on "change", which leaving a cell triggers.
(function () {
  function cells() { return Array.from(document.querySelectorAll("input.cell:not([disabled])")); }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!(target instanceof HTMLInputElement) || !target.classList.contains("cell")) return;
    var list = cells();
    var index = list.indexOf(target);
    var next = null;
    if (event.key === "Enter" || (event.key === "ArrowDown" && !event.altKey)) next = list[index + (event.shiftKey ? -1 : 1)];
    else if (event.key === "ArrowUp") next = list[index - 1];
    if (next === null) return;
    event.preventDefault();
    if (next) { next.focus(); next.select(); } else { target.blur(); }
  });
})();
