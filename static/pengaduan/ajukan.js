/* The complaint form on a phone: refuse a wrong or oversized attachment before it is sent,
 * and make the anonymous choice visible (contact fields are disabled and not sent).
 * A static file, no inline script (Content-Security-Policy). The server checks the same. */
(function () {
  "use strict";
  var JENIS = ["image/jpeg", "image/png", "application/pdf"];
  var AKHIRAN = /\.(jpe?g|png|pdf)$/i;

  function pesanDi(input, id) {
    var el = document.getElementById(id);
    if (!el) {
      el = document.createElement("p");
      el.id = id;
      el.className = "errorlist galat-berkas";
      el.setAttribute("role", "alert");
      (input.closest(".field") || input.parentNode).appendChild(el);
      var desc = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      desc.push(id);
      input.setAttribute("aria-describedby", desc.join(" "));
    }
    return el;
  }

  var lampiran = document.querySelector("input[type=file][data-maks-byte]");
  if (lampiran) {
    var maks = parseInt(lampiran.getAttribute("data-maks-byte"), 10);
    lampiran.addEventListener("change", function () {
      var el = pesanDi(lampiran, lampiran.id + "_galat");
      el.textContent = "";
      var berkas = lampiran.files && lampiran.files[0];
      if (!berkas) { return; }
      var salah = "";
      if (JENIS.indexOf(berkas.type) < 0 && !AKHIRAN.test(berkas.name)) {
        salah = "Berkas \u201c" + berkas.name + "\u201d bukan foto JPEG/PNG atau dokumen PDF.";
      } else if (berkas.size > maks) {
        salah = "Berkas \u201c" + berkas.name + "\u201d berukuran " +
          (berkas.size / 1048576).toFixed(1).replace(".", ",") + " MB; paling besar " +
          Math.floor(maks / 1048576) + " MB. Kecilkan foto atau pilih berkas lain.";
      }
      if (salah) {
        lampiran.value = "";
        el.textContent = salah;
      }
    });
  }

  var anonim = document.getElementById("id_anonim");
  if (anonim) {
    var kontak = ["id_nama", "id_email", "id_telepon"].map(function (id) {
      return document.getElementById(id);
    }).filter(Boolean);
    var catatan = pesanDi(anonim, "id_anonim_catatan");
    catatan.setAttribute("role", "status");
    catatan.className = "help";
    var atur = function () {
      kontak.forEach(function (el) { el.disabled = anonim.checked; });
      catatan.textContent = anonim.checked
        ? "Nama, email, dan telepon tidak dikirim. Simpan kode pelacakan yang muncul setelah laporan terkirim."
        : "";
    };
    anonim.addEventListener("change", atur);
    atur();
  }
})();
