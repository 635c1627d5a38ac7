// Progress of a background employee import: polls the small JSON status every 2 seconds and
// reloads the page once the job has ended (the result is drawn by the server). Static file
// only (strict CSP); without JavaScript the page offers a plain reload link.
(function () {
  var kotak = document.getElementById("impor-progres");
  if (!kotak || kotak.dataset.berakhir === "1") return;
  var url = kotak.dataset.statusUrl;
  function perbarui() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d) return;
        if (d.berakhir) { window.location.reload(); return; }
        document.getElementById("impor-status").textContent = d.status_teks;
        document.getElementById("impor-tahap").textContent = d.tahap ? " — " + d.tahap : "";
        var batang = document.getElementById("impor-batang");
        batang.value = d.persen;
        batang.textContent = d.persen + "%";
        document.getElementById("impor-angka").textContent =
          d.baris_diproses + " dari " + d.baris_total + " baris";
        window.setTimeout(perbarui, 2000);
      })
      .catch(function () { window.setTimeout(perbarui, 5000); });
  }
  window.setTimeout(perbarui, 2000);
})();
