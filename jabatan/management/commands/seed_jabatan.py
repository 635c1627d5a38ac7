from django.core.management.base import BaseCommand

from jabatan.services import katalog_isi, kompetensi_isi


class Command(BaseCommand):
    help = (
        "Mengisi kamus kompetensi (8 manajerial, Perekat Bangsa, teknis awal) dan katalog "
        "jabatan awal beserta standar kompetensinya (idempoten). --demo menambah formasi, "
        "asesmen dan penempatan demo."
    )

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Isi juga data demo.")

    def handle(self, *args, **options):
        kompetensi = kompetensi_isi()
        jabatan = katalog_isi()
        self.stdout.write(f"Kompetensi baru: {kompetensi}; jabatan baru: {jabatan}.")
        if options["demo"]:
            from jabatan.demo import isi_demo

            hasil = isi_demo()
            self.stdout.write(
                f"Demo: {hasil['formasi']} formasi, {hasil['penempatan']} penempatan, "
                f"{hasil['asesmen']} asesmen."
            )
        self.stdout.write(self.style.SUCCESS("Data jabatan siap."))
