// Live preview of the predikat on the appraisal form: the matrix comes from the server in
// the form's data-matriks attribute (PermenPANRB 6/2022), so the rule lives in one place.
(function () {
  "use strict";
  function pasang() {
    var form = document.querySelector("form[data-matriks]");
    if (!form) return;
    var matriks = JSON.parse(form.getAttribute("data-matriks"));
    var hasil = form.querySelector("#id_rating_hasil_kerja");
    var perilaku = form.querySelector("#id_rating_perilaku");
    var keluaran = form.querySelector("#predikat-pratinjau");
    if (!hasil || !perilaku || !keluaran) return;
    function perbarui() {
      keluaran.textContent = matriks[hasil.value + "|" + perilaku.value] || "–";
    }
    hasil.addEventListener("change", perbarui);
    perilaku.addEventListener("change", perbarui);
    perbarui();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", pasang);
  } else {
    pasang();
  }
})();
