"""Initial data: JP targets per status, the default survey templates and the daily jobs in
django-celery-beat's schedule (HR can change them in the admin). Idempotent."""

from django.db import migrations

TUGAS = [
    (
        "Survei pascapelatihan (harian)",
        "pelatihan.tasks.kirim_survei_pelatihan",
        "0",
        "6",
        "Membuat dan mengirim undangan survei reaksi dan penerapan yang jatuh tempo, "
        "serta pengingatnya.",
    ),
    (
        "Pengingat sertifikat kedaluwarsa (harian)",
        "pelatihan.tasks.ingatkan_sertifikat",
        "15",
        "6",
        "Mengirim email kepada pemilik sertifikat yang akan kedaluwarsa.",
    ),
]

TEMPLATE = [
    (
        "Survei reaksi (bawaan)",
        "REAKSI",
        "Terima kasih telah mengikuti pelatihan. Mohon nilai penyelenggaraannya (1 = sangat "
        "kurang, 5 = sangat baik).",
        [
            ("Materi pelatihan relevan dengan tugas jabatan saya.", "SKALA", True, False),
            ("Narasumber menguasai materi dan menyampaikannya dengan jelas.", "SKALA", True, False),
            ("Penyelenggaraan (jadwal, tempat/platform, layanan panitia) baik.", "SKALA", True,
             False),
            ("Secara keseluruhan pelatihan ini bermanfaat bagi saya.", "SKALA", True, False),
            ("Saran untuk perbaikan pelatihan berikutnya.", "TEKS", False, False),
        ],
    ),
    (
        "Survei penerapan (bawaan)",
        "APLIKASI",
        "Beberapa bulan telah berlalu sejak pelatihan. Seberapa jauh hasil pelatihan diterapkan "
        "dalam pekerjaan? (1 = belum diterapkan, 5 = sepenuhnya diterapkan)",
        [
            ("Kompetensi yang dilatihkan telah diterapkan dalam pekerjaan sehari-hari.", "SKALA",
             True, True),
            ("Penerapan hasil pelatihan meningkatkan kinerja unit kerja.", "SKALA", True, False),
            ("Hambatan dalam menerapkan hasil pelatihan (bila ada).", "TEKS", False, False),
        ],
    ),
]


def isi(apps, schema_editor):
    TargetJP = apps.get_model("pelatihan", "TargetJP")
    for status, target in [("PNS", 20), ("CPNS", 20), ("PPPK", 24)]:
        TargetJP.objects.get_or_create(status_kepegawaian=status, defaults={"target_jp": target})

    TemplateSurvei = apps.get_model("pelatihan", "TemplateSurvei")
    PertanyaanSurvei = apps.get_model("pelatihan", "PertanyaanSurvei")
    for nama, jenis, pengantar, pertanyaan in TEMPLATE:
        template, dibuat = TemplateSurvei.objects.get_or_create(
            nama=nama, defaults={"jenis": jenis, "bawaan": True, "pengantar": pengantar}
        )
        if dibuat:
            for urutan, (teks, tipe, wajib, ukur) in enumerate(pertanyaan, start=1):
                PertanyaanSurvei.objects.create(
                    template=template, urutan=urutan, teks=teks, tipe=tipe, wajib=wajib,
                    ukur_penerapan=ukur,
                )

    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for nama, task, menit, jam, deskripsi in TUGAS:
        if PeriodicTask.objects.filter(name=nama).exists():
            continue
        jadwal, _ = CrontabSchedule.objects.get_or_create(
            minute=menit, hour=jam, day_of_week="*", day_of_month="*", month_of_year="*",
            timezone="Asia/Jakarta",
        )
        PeriodicTask.objects.create(name=nama, task=task, crontab=jadwal, description=deskripsi)


def hapus(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=[t[0] for t in TUGAS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pelatihan", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(isi, hapus)]
