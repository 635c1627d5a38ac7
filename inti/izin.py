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
