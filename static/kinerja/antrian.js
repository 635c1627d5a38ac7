// "Pilih semua" ticks every report in the supervisor's queue (no inline script: CSP).
document.getElementById("pilih-semua")?.addEventListener("change", function (e) {
  document.querySelectorAll('input[name="laporan"]').forEach(function (c) {
    c.checked = e.target.checked;
  });
});
