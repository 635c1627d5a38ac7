"""Ship the national holidays and cuti bersama of 2026 and the (estimated, verify) national
holidays of 2027 (pengaduan.data_libur). Idempotent: a date HR already keeps is left alone."""

from django.db import migrations

from pengaduan.data_libur import HARI_LIBUR


def isi(apps, schema_editor):
    HariLibur = apps.get_model("pengaduan", "HariLibur")
    for tanggal, keterangan, jenis, sumber, verifikasi in HARI_LIBUR:
        HariLibur.objects.get_or_create(
            tanggal=tanggal,
            defaults={"keterangan": keterangan, "jenis": jenis, "sumber": sumber,
                      "perlu_verifikasi": verifikasi},
        )  # fmt: skip


def kosongkan(apps, schema_editor):
    HariLibur = apps.get_model("pengaduan", "HariLibur")
    for tanggal, _k, _j, sumber, _v in HARI_LIBUR:
        HariLibur.objects.filter(tanggal=tanggal, sumber=sumber).delete()


class Migration(migrations.Migration):
    dependencies = [("pengaduan", "0003_hari_libur_sumber")]

    operations = [migrations.RunPython(isi, kosongkan)]
