// gongkai web: the little script the pages use. Everything works without it; it only adds
// "click a finding → highlight its cells and source line".
(function () {
  "use strict";
  function clearFocus() {
    document.querySelectorAll(".focus").forEach(function (e) { e.classList.remove("focus"); });
  }
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest("a[data-cells], a[data-line]");
    if (!link) { return; }
    clearFocus();
    var first = null;
    (link.getAttribute("data-cells") || "").split(" ").forEach(function (id) {
      var cell = id && document.getElementById(id);
      if (cell) { cell.classList.add("focus"); first = first || cell; }
    });
    var line = link.getAttribute("data-line");
    var li = line && document.getElementById("L" + line);
    if (li) { li.classList.add("focus"); li.scrollIntoView({ block: "center" }); }
    if (first) { first.scrollIntoView({ block: "center" }); }
    if (first || li) { ev.preventDefault(); }
  });
})();
