// Refuse an over-size evidence file in the browser, before the upload starts: the limit is
// in the input's data-maks-byte (the server checks it again). No inline script (CSP).
(function () {
  "use strict";
  function periksa(input) {
    var maks = parseInt(input.getAttribute("data-maks-byte"), 10);
    var berkas = input.files && input.files[0];
    if (berkas && maks && berkas.size > maks) {
      input.setCustomValidity(input.getAttribute("data-pesan-maks") || "Berkas terlalu besar.");
    } else {
      input.setCustomValidity("");
    }
    input.reportValidity();
  }
  function pasang() {
    var daftar = document.querySelectorAll("input[type=file][data-maks-byte]");
    Array.prototype.forEach.call(daftar, function (input) {
      input.addEventListener("change", function () { periksa(input); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", pasang);
  } else {
    pasang();
  }
})();
