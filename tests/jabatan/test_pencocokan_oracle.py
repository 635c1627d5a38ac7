"""The set-based candidate ranking (issue 17) against a plain oracle: every employee of the
pool read as a model, the latest assessments picked in Python from every row, each score
with its parts in words from the pure rules, sorted by (-score, name, NIP). Same order,
same scores, same words, on a varied data set with ties."""

from __future__ import annotations

import random
from datetime import date

import pytest

from jabatan import pencocokan
from jabatan.models import AsesmenKompetensi, Jabatan, Penempatan
from pegawai.akses import pegawai_dikelola
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd, operator

from .conftest import tempatkan
from .factories import AsesmenFactory, JabatanFactory, KompetensiFactory, StandarFactory

pytestmark = pytest.mark.django_db

JENJANG = ["SLTA", "D3", "D4", "S1", "S2", "S3"]
JURUSAN = ["Kesehatan Masyarakat", "Epidemiologi", "Akuntansi", "Epidemiologi Klinis", ""]
GOLONGAN = ["II/c", "III/a", "III/b", "III/c", "IV/a"]


def _oracle(user, jabatan, unit_kerja=None) -> list[tuple]:
    jabatan = Jabatan.objects.with_standar().get(pk=jabatan.pk)
    bobot = pencocokan.bobot()
    syarat = pencocokan._Syarat(jabatan, bobot)
    pemegang = Penempatan.objects.aktif().filter(jabatan=jabatan)
    if unit_kerja is not None:
        pemegang = pemegang.filter(unit_kerja=unit_kerja)
    keluar = set(pemegang.values_list("pegawai_id", flat=True))
    pool = [
        p
        for p in pegawai_dikelola(user).filter(aktif=True).select_related("unit_kerja")
        if p.pk not in keluar
    ]
    terbaru: dict[int, dict[int, int]] = {}
    for a in AsesmenKompetensi.objects.order_by("tanggal", "pk"):  # the last one wins
        terbaru.setdefault(a.pegawai_id, {})[a.kompetensi_id] = a.level
    sumber = pencocokan._sumber([jabatan], [p.pk for p in pool], bobot)
    hasil = []
    for p in pool:
        skor = pencocokan._skor(
            syarat,
            asesmen=terbaru.get(p.pk, {}),
            pegawai_id=p.pk,
            golongan=p.golongan,
            jenjang=p.pendidikan_jenjang,
            jurusan=p.pendidikan_jurusan,
            sumber=sumber,
        )
        _bagian, peringatan = syarat.pendidikan(p.pendidikan_jenjang, p.pendidikan_jurusan)
        hasil.append(
            (
                p.pk,
                p.nip,
                p.nama,
                p.nama_lengkap,
                p.golongan,
                f"{p.pendidikan_jenjang} {p.pendidikan_jurusan}".strip(),
                p.unit_kerja.nama,
                p.nama_jabatan,
                skor.skor,
                syarat.golongan(p.golongan).nilai != 0.0,
                list(peringatan),
                skor.alasan,
            )
        )
    hasil.sort(key=lambda h: (-h[8], h[2], h[1]))
    return hasil


def _baru(user, jabatan, unit_kerja=None) -> list[tuple]:
    return [
        (
            k.pegawai_id,
            k.nip,
            k.nama,
            k.nama_lengkap,
            k.golongan,
            k.pendidikan,
            k.unit_kerja,
            k.jabatan_sekarang,
            k.skor,
            k.memenuhi_syarat,
            k.peringatan,
            k.alasan,
        )
        for k in pencocokan.kandidat_untuk(user, jabatan, unit_kerja=unit_kerja)
    ]


@pytest.fixture
def data_beragam():
    acak = random.Random(17)
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    p2p = UnitKerjaFactory(kode="DISKES-P2P", nama="Bidang P2P", parent=diskes)
    disdik = UnitKerjaFactory(kode="DISDIK", nama="Dinas Pendidikan")
    jabatan = JabatanFactory(
        nama="Epidemiolog Kesehatan Ahli Pertama",
        pendidikan_minimal="S1",
        jurusan="Kesehatan Masyarakat; Epidemiologi",
        golongan_minimal="III/a",
    )
    kompetensi = [KompetensiFactory(nama=f"Kompetensi Oracle {i}") for i in range(4)]
    for i, k in enumerate(kompetensi):
        StandarFactory(jabatan=jabatan, kompetensi=k, level=2 + i % 3)
    lain = KompetensiFactory(nama="Kompetensi Lain")  # assessed, not in the standard
    semua = []
    for i in range(70):
        p = PegawaiFactory(
            # few names: many ties in name (and in score), decided by NIP
            nama=acak.choice(["Ani", "Budi", "Citra", "Dodi", "Eka"]),
            gelar_depan=acak.choice(["", "dr."]),
            gelar_belakang=acak.choice(["", "S.K.M.", "M.Epid."]),
            unit_kerja=acak.choice([diskes, p2p, disdik]),
            pendidikan_jenjang=acak.choice(JENJANG),
            pendidikan_jurusan=acak.choice(JURUSAN),
            golongan=acak.choice(GOLONGAN),
            aktif=i % 23 != 0,
        )
        semua.append(p)
        for k in [*kompetensi, lain]:
            for _ in range(acak.choice([0, 1, 1, 2, 3])):  # none, one, or several
                AsesmenFactory(
                    pegawai=p,
                    kompetensi=k,
                    level=acak.randint(1, 5),
                    # few dates: same-day assessments are decided by id
                    tanggal=acak.choice([date(2024, 5, 1), date(2025, 1, 15), date(2025, 6, 1)]),
                )
    aktif = [p for p in semua if p.aktif]
    tempatkan(aktif[0], jabatan, diskes, alasan="Uji")  # holders: left out
    tempatkan(aktif[1], jabatan, disdik, alasan="Uji")
    nilai = {p.pk: (acak.choice([0.0, 0.4, 0.75, 1.0]), "Kinerja uji.") for p in aktif[::3]}

    def kinerja(daftar_jabatan, pegawai_ids):
        return {(j.pk, p): nilai[p] for j in daftar_jabatan for p in pegawai_ids if p in nilai}

    terpasang = pencocokan._SUMBER["kinerja"].hitung
    pencocokan.daftarkan_sumber("kinerja", kinerja)
    yield {"jabatan": jabatan, "diskes": diskes, "disdik": disdik}
    pencocokan.daftarkan_sumber("kinerja", terpasang)


def test_peringkat_berbasis_himpunan_sama_dengan_oracle(data_beragam):
    jabatan = data_beragam["jabatan"]
    admin = admin_bkd()
    hasil = _baru(admin, jabatan)
    assert len(hasil) == 70 - 4 - 2  # 4 inactive, 2 holders
    assert len({h[8] for h in hasil}) > 5  # a spread of scores, and ties among them
    assert hasil == _oracle(admin, jabatan)
    # holders elsewhere count when the vacancy is in one unit
    diskes = data_beragam["diskes"]
    assert _baru(admin, jabatan, diskes) == _oracle(admin, jabatan, diskes)
    op = operator(diskes)  # diskes and its sub-unit p2p only
    assert _baru(op, jabatan) == _oracle(op, jabatan)
    assert 0 < len(_baru(op, jabatan)) < len(hasil)


def test_daftar_kandidat_berlaku_seperti_daftar(data_beragam):
    daftar = pencocokan.kandidat_untuk(admin_bkd(), data_beragam["jabatan"])
    semua = list(daftar)
    assert len(semua) == len(daftar)
    assert [k.pegawai_id for k in daftar[5:15]] == [k.pegawai_id for k in semua[5:15]]
    assert daftar[-1].pegawai_id == semua[-1].pegawai_id
    assert daftar[0] is daftar[0]  # built once
    with pytest.raises(IndexError):
        daftar[len(semua)]
