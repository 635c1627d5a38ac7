"""Forms for the HTML pages: login, password change/reset, and the pegawai list search."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.models import User
from django.db.models import QuerySet

from .models import UnitKerja
from .pemilih_unit import PemilihUnitField

PESAN_LOGIN_SALAH = "NIP/nama pengguna atau kata sandi salah."
# Django sets the username's max_length after the field is built, so it is not validated; a
# 10,000-character name then reached the lock-out table (255 characters) and failed with 500.
PANJANG_USERNAME_MAKS = 150
PESAN_USERNAME_PANJANG = (
    f"Nama pengguna atau NIP terlalu panjang (paling banyak {PANJANG_USERNAME_MAKS} karakter)."
)


def _sama(a: str, b: str) -> bool:
    """Case-insensitive comparison of two email addresses (as Django's reset form does)."""
    return (
        unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()
    )


class FormMasuk(auth_forms.AuthenticationForm):
    """Login with a NIP (spaces allowed: the backend strips them) or a staff username."""

    username = auth_forms.UsernameField(
        label="NIP atau nama pengguna",
        help_text="Pegawai: NIP 18 digit, boleh diketik dengan spasi.",
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "username",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )
    password = forms.CharField(
        label="Kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": PESAN_LOGIN_SALAH,
        "inactive": "Akun ini tidak aktif. Hubungi operator kepegawaian OPD Anda.",
    }

    def clean_username(self) -> str:
        username = self.cleaned_data.get("username") or ""
        if len(username) > PANJANG_USERNAME_MAKS:
            raise forms.ValidationError(PESAN_USERNAME_PANJANG, code="max_length")
        return username


class FormGantiKataSandi(auth_forms.PasswordChangeForm):
    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_incorrect": "Kata sandi lama salah. Silakan ketik ulang.",
        "password_mismatch": "Kedua isian kata sandi baru tidak sama.",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Kata sandi lama"
        self.fields["new_password1"].label = "Kata sandi baru"
        self.fields["new_password2"].label = "Ulangi kata sandi baru"
        self.fields["new_password2"].help_text = "Ketik kata sandi baru sekali lagi."


class FormAturKataSandi(auth_forms.SetPasswordForm):
    """The last step of the reset link: also how imported employees set their first password."""

    error_messages = {
        **auth_forms.SetPasswordForm.error_messages,
        "password_mismatch": "Kedua isian kata sandi baru tidak sama.",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Kata sandi baru"
        self.fields["new_password2"].label = "Ulangi kata sandi baru"
        self.fields["new_password2"].help_text = "Ketik kata sandi baru sekali lagi."


class FormLupaKataSandi(auth_forms.PasswordResetForm):
    """Password reset that also *activates* accounts created by the importer.

    Imported employees get a login (username = NIP) without a usable password; Django's
    stock form skips such users, so they could never set one. Here an active account with
    the email HR recorded gets the link whether or not it has a password yet. Accounts of
    pegawai marked inactive (pensiun/berhenti) get nothing.
    """

    email = forms.EmailField(
        label="Email",
        max_length=254,
        help_text="Email yang tercatat di data kepegawaian Anda.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autocapitalize": "none"}),
    )

    def get_users(self, email: str) -> Iterator[User]:
        pengguna = User._default_manager.filter(email__iexact=email, is_active=True).exclude(
            pegawai__aktif=False
        )
        return (u for u in pengguna if _sama(email, u.email))


class FormCariPegawai(forms.Form):
    """Search and filter for the pegawai list; the unit choices come from the user's scope."""

    q = forms.CharField(
        label="Cari NIP atau nama",
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"placeholder": "mis. 19800101 atau Siti"}),
    )
    unit = PemilihUnitField(
        label="Unit kerja",
        required=False,
        help_text="Kosongkan untuk semua unit; sub-unitnya ikut.",
    )

    def __init__(self, *args, unit_pilihan: QuerySet[UnitKerja], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_pilihan


class FormImporLatar(forms.Form):
    """Upload of a big employee file for the background import (hard caps before parsing)."""

    berkas = forms.FileField(
        label="Berkas pegawai (.xlsx atau .csv)",
        help_text="Kolom sesuai templat pegawai_contoh.xlsx.",
    )
    lewati_baris_salah = forms.BooleanField(
        label="Lewati baris yang salah (impor baris yang benar saja)",
        required=False,
        help_text="Tanpa centang ini, berkas hanya diimpor bila semua barisnya benar.",
    )

    def clean_berkas(self):
        from .impor_latar import periksa_berkas_latar

        berkas = self.cleaned_data["berkas"]
        if not berkas.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Format berkas harus .xlsx atau .csv.")
        periksa_berkas_latar(berkas)
        return berkas
