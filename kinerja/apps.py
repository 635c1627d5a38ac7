from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete


class KinerjaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kinerja"
    verbose_name = "e-Kinerja"

    def ready(self) -> None:
        from jabatan.pencocokan import daftarkan_sumber

        from .angka_kredit import penilaian_tersimpan
        from .models import IndikatorKinerja, LaporanHarian, Penilaian
        from .pencocokan import skor_kinerja
        from .services import indikator_terhapus_tandai, laporan_terhapus_tandai

        post_migrate.connect(_izin_grup_hr, sender=self, dispatch_uid="kinerja_izin_grup_hr")
        daftarkan_sumber("kinerja", skor_kinerja)
        post_save.connect(
            penilaian_tersimpan, sender=Penilaian, dispatch_uid="kinerja_angka_kredit"
        )
        # Changes the reports' `diubah` cannot show, for the incremental rollup.
        post_delete.connect(
            laporan_terhapus_tandai, sender=LaporanHarian, dispatch_uid="kinerja_rekap_hapus"
        )
        pre_delete.connect(
            indikator_terhapus_tandai, sender=IndikatorKinerja, dispatch_uid="kinerja_rekap_ind"
        )


# Model permissions of the HR groups for kinerja (rows are still limited by the scope).
IZIN_KINERJA: dict[str, list[str]] = {
    "Admin BKD": ["kinerja.*"],  # every kinerja permission
    "Operator OPD": [
        "kinerja.view_skp",
        "kinerja.view_rhk",
        "kinerja.view_laporanharian",
        "kinerja.view_penilaian",
        "kinerja.view_rekappegawaibulanan",
        "kinerja.view_rekapunitbulanan",
        "kinerja.view_perjanjiankinerja",
        "kinerja.add_perjanjiankinerja",
        "kinerja.change_perjanjiankinerja",
        "kinerja.view_hasilorganisasi",
        "kinerja.view_angkakredit",
    ],
}


def _izin_grup_hr(**_: object) -> None:
    """Give the HR groups (created by pegawai) their kinerja permissions; idempotent."""
    from inti.izin import izin_grup_pasang

    izin_grup_pasang(IZIN_KINERJA)
