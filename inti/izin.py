"""Model permissions of the HR groups, installed after `migrate` (idempotent).

Each app declares what each group may do with its models as `{"Grup": ["app.codename",
"app.*", ...]}` and calls `izin_grup_pasang` from a post_migrate receiver. Which rows a
permission reaches is decided by the access scope (pegawai/akses.py), not here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def izin_grup_pasang(izin: Mapping[str, Iterable[str]]) -> None:
    """Create each group and add the named permissions; `app.*` is every permission of `app`.

    Permissions that do not exist yet (their app has not migrated) are skipped: the receiver
    runs again after the next app's migrate.
    """
    from django.contrib.auth.models import Group, Permission

    for nama, kode_kode in izin.items():
        grup, _created = Group.objects.get_or_create(name=nama)
        perms: list[Permission] = []
        for kode in kode_kode:
            app, codename = kode.split(".")
            qs = Permission.objects.filter(content_type__app_label=app)
            perms.extend(qs if codename == "*" else qs.filter(codename=codename))
        if perms:
            grup.permissions.add(*perms)


def _izin_cari(kode_kode: Iterable[str]):
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    syarat = Q(pk__in=[])
    for kode in kode_kode:
        app, codename = kode.split(".")
        satu = Q(content_type__app_label=app)
        syarat |= satu if codename == "*" else satu & Q(codename=codename)
    return Permission.objects.filter(syarat)


def izin_grup_cabut(izin: Mapping[str, Iterable[str]]) -> None:
    """Take the named permissions away from each existing group (same notation as
    `izin_grup_pasang`): a permission a group once had and must no longer have stays
    removed on every migrate, also in databases set up before the change."""
    from django.contrib.auth.models import Group

    for nama, kode_kode in izin.items():
        grup = Group.objects.filter(name=nama).first()
        if grup is not None:
            grup.permissions.remove(*_izin_cari(kode_kode))
