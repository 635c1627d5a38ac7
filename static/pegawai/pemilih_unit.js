/* The unit picker (pegawai/pemilih_unit.py): every `.pemilih-unit` text input becomes an
 * ARIA 1.2 combobox with a list of suggestions from its scoped JSON endpoint (data-url,
 * `?q=`). Choosing a suggestion writes "Nama [KODE]" into the input, which the server
 * resolves; without this script the input is a plain text field resolved the same way.
 * A static file (no inline script: CSP). */
(function () {
  "use strict";
  var JEDA_MS = 200;
  var MIN_HURUF = 1;

  function pasang(kotak, nomor) {
    var masukan = kotak.querySelector("input");
    if (!masukan || masukan.getAttribute("role") === "combobox") { return; }
    var idDaftar = (masukan.id || "pemilih-unit-" + nomor) + "_saran";
    var daftar = document.createElement("ul");
    daftar.id = idDaftar;
    daftar.className = "pemilih-unit__daftar";
    daftar.setAttribute("role", "listbox");
    daftar.setAttribute("aria-label", "Saran unit kerja");
    daftar.hidden = true;
    var status = document.createElement("span");
    status.className = "sr-only";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    kotak.appendChild(daftar);
    kotak.appendChild(status);
    masukan.setAttribute("role", "combobox");
    masukan.setAttribute("aria-autocomplete", "list");
    masukan.setAttribute("aria-expanded", "false");
    masukan.setAttribute("aria-controls", idDaftar);

    var pengatur = null;
    var urutanMinta = 0;
    var aktif = -1;

    function opsi() { return daftar.querySelectorAll("[role=option]"); }

    function tutup() {
      daftar.hidden = true;
      masukan.setAttribute("aria-expanded", "false");
      masukan.removeAttribute("aria-activedescendant");
      aktif = -1;
    }

    function tandai(i) {
      var semua = opsi();
      if (!semua.length) { return; }
      aktif = (i + semua.length) % semua.length;
      Array.prototype.forEach.call(semua, function (o, j) {
        o.setAttribute("aria-selected", j === aktif ? "true" : "false");
      });
      masukan.setAttribute("aria-activedescendant", semua[aktif].id);
      semua[aktif].scrollIntoView({ block: "nearest" });
    }

    function pilih(o) {
      masukan.value = o.getAttribute("data-label");
      tutup();
      status.textContent = "Terpilih: " + masukan.value;
      masukan.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function tampilkan(hasil) {
      daftar.textContent = "";
      hasil.forEach(function (u, i) {
        var li = document.createElement("li");
        li.id = idDaftar + "-" + i;
        li.className = "pemilih-unit__opsi";
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-label", u.label);
        var nama = document.createElement("span");
        nama.className = "pemilih-unit__nama";
        nama.textContent = u.nama + " ";
        var kode = document.createElement("span");
        kode.className = "pemilih-unit__kode";
        kode.textContent = u.kode;
        nama.appendChild(kode);
        li.appendChild(nama);
        if (u.induk) {
          var induk = document.createElement("span");
          induk.className = "pemilih-unit__induk";
          induk.textContent = u.induk;
          li.appendChild(induk);
        }
        // mousedown, not click: it fires before the input loses focus.
        li.addEventListener("mousedown", function (e) { e.preventDefault(); pilih(li); });
        daftar.appendChild(li);
      });
      aktif = -1;
      masukan.removeAttribute("aria-activedescendant");
      if (hasil.length) {
        daftar.hidden = false;
        masukan.setAttribute("aria-expanded", "true");
        status.textContent = hasil.length + " saran unit kerja; pilih dengan panah atas/bawah lalu Enter.";
      } else {
        tutup();
        status.textContent = "Tidak ada unit kerja yang cocok.";
      }
    }

    function minta() {
      var q = masukan.value.trim();
      if (q.length < MIN_HURUF) { tutup(); return; }
      var nomorMinta = ++urutanMinta;
      var url = kotak.getAttribute("data-url") + "?q=" + encodeURIComponent(q);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { hasil: [] }; })
        .then(function (data) {
          if (nomorMinta === urutanMinta) { tampilkan(data.hasil || []); }
        })
        .catch(function () { tutup(); });
    }

    masukan.addEventListener("input", function () {
      if (pengatur) { clearTimeout(pengatur); }
      pengatur = setTimeout(minta, JEDA_MS);
    });
    masukan.addEventListener("keydown", function (e) {
      var terbuka = !daftar.hidden;
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (terbuka) { tandai(aktif + 1); } else { minta(); }
      } else if (e.key === "ArrowUp" && terbuka) {
        e.preventDefault();
        tandai(aktif - 1);
      } else if (e.key === "Enter" && terbuka && aktif >= 0) {
        e.preventDefault();
        pilih(opsi()[aktif]);
      } else if (e.key === "Escape" && terbuka) {
        e.preventDefault();
        tutup();
      }
    });
    masukan.addEventListener("blur", tutup);
  }

  Array.prototype.forEach.call(document.querySelectorAll(".pemilih-unit"), pasang);
})();
