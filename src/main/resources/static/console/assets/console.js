// The console works without this file; it only adds "select all" to lists with checkboxes.
document.addEventListener("change", function (event) {
  var all = event.target.closest("input[data-select-all]");
  if (!all) return;
  document.querySelectorAll("input[name='" + all.dataset.selectAll + "']").forEach(function (box) {
    box.checked = all.checked;
  });
});
