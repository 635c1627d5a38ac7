from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class KinerjaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kinerja"
    verbose_name = "e-Kinerja"

    def ready(self) -> None:
        from jabatan.pencocokan import daftarkan_sumber

        from .angka_kredit import penilaian_tersimpan
        from .models import Penilaian
        from .pencocokan import skor_kinerja

        post_migrate.connect(_izin_grup_hr, sender=self, dispatch_uid="kinerja_izin_grup_hr")
        daftarkan_sumber("kinerja", skor_kinerja)
        post_save.connect(
            penilaian_tersimpan, sender=Penilaian, dispatch_uid="kinerja_angka_kredit"
        )


# Model permissions of the HR groups for kinerja (rows are still limited by the scope).
IZIN_KINERJA = {
    "Admin BKD": None,  # every kinerja permission
    "Operator OPD": [
        "view_skp",
        "view_rhk",
        "view_laporanharian",
        "view_penilaian",
        "view_rekappegawaibulanan",
        "view_rekapunitbulanan",
        "view_perjanjiankinerja",
        "add_perjanjiankinerja",
        "change_perjanjiankinerja",
        "view_hasilorganisasi",
        "view_angkakredit",
    ],
}


def _izin_grup_hr(**_: object) -> None:
    """Give the HR groups (created by pegawai) their kinerja permissions; idempotent."""
    from django.contrib.auth.models import Group, Permission

    for nama, kode in IZIN_KINERJA.items():
        grup, _created = Group.objects.get_or_create(name=nama)
        izin = Permission.objects.filter(content_type__app_label="kinerja")
        if kode is not None:
            izin = izin.filter(codename__in=kode)
        grup.permissions.add(*izin)
