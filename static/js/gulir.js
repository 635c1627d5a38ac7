/* Wide tables scroll sideways on phones. A scroll box must be reachable by keyboard
 * (WCAG 2.1.1; axe "scrollable-region-focusable"): every `table.table` not already inside a
 * `.gulir` box is wrapped in one with tabindex="0", role="region" and a name taken from the
 * table's caption or the nearest heading. A static file (no inline script: CSP). */
(function () {
  "use strict";
  var tabel = document.querySelectorAll("table.table");
  Array.prototype.forEach.call(tabel, function (t) {
    if (t.closest(".gulir")) { return; }
    var nama = "";
    if (t.caption) {
      nama = t.caption.textContent;
    } else {
      var kartu = t.closest("section, .card, main");
      var judul = kartu && kartu.querySelector("h1, h2, h3");
      nama = judul ? judul.textContent : "";
    }
    nama = (nama || "Tabel").replace(/\s+/g, " ").trim();
    var kotak = document.createElement("div");
    kotak.className = "gulir";
    kotak.setAttribute("tabindex", "0");
    kotak.setAttribute("role", "region");
    kotak.setAttribute("aria-label", nama + " (dapat digulir)");
    t.parentNode.insertBefore(kotak, t);
    kotak.appendChild(t);
  });
})();
