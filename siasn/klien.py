"""HTTP client of BKN's SIASN web service (standard library only).

Authentication as BKN issues it (see docs/SIASN.md):
- the API gateway's OAuth2 token (client credentials: consumer key and secret, HTTP Basic)
  goes in `Authorization: Bearer <token>`;
- the instansi's user token from BKN SSO (password grant: client id, username, password)
  goes in `Auth: bearer <token>`.
Both are cached in Django's cache (shared by web and workers) and renewed a minute before
they expire; a 401 drops them and the call is tried once more with fresh tokens.

Errors are sorted for the outbox: `SiasnSementara` (5xx, timeouts, network, refused
credentials: try again later, the record is not at fault) and `SiasnDitolak` (BKN refused
this payload: show BKN's message to HR, do not retry).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from .pengaturan import Konfigurasi

logger = logging.getLogger(__name__)

# Renew a token this many seconds before BKN says it expires.
MARGIN_TOKEN_DETIK = 60


class SiasnError(Exception):
    def __init__(self, pesan: str, *, status: int | None = None, jawaban: Any = None):
        super().__init__(pesan)
        self.pesan = pesan
        self.status = status
        self.jawaban = jawaban


class SiasnSementara(SiasnError):
    """Try again later: BKN is down, slow, or refused our credentials."""


class SiasnDitolak(SiasnError):
    """BKN refused this request for what it contains; retrying the same will not help."""


@dataclass(frozen=True)
class Jawaban:
    status: int
    isi: Any


def _pesan_dari(isi: Any, cadangan: str) -> str:
    """BKN's message in words, wherever the answer keeps it."""
    if isinstance(isi, dict):
        for kunci in ("message", "pesan", "error_description", "error", "data"):
            nilai = isi.get(kunci)
            if isinstance(nilai, str) and nilai.strip():
                return nilai.strip()
    if isinstance(isi, str) and isi.strip():
        return isi.strip()[:500]
    return cadangan


class KlienSiasn:
    def __init__(self, konf: Konfigurasi, *, jam=time.time):
        self.konf = konf
        self._jam = jam
        sidik = hashlib.sha256(
            f"{konf.token_url}|{konf.consumer_key}|{konf.sso_url}|{konf.sso_username}".encode()
        ).hexdigest()[:16]
        self._kunci_gateway = f"siasn:token:gateway:{sidik}"
        self._kunci_sso = f"siasn:token:sso:{sidik}"

    # --- HTTP -------------------------------------------------------------------------------

    def _http(
        self, method: str, url: str, *, data: bytes | None, headers: dict[str, str]
    ) -> Jawaban:
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.konf.timeout) as resp:  # noqa: S310
                return Jawaban(resp.status, _baca_json(resp.read()))
        except urllib.error.HTTPError as exc:
            return Jawaban(exc.code, _baca_json(exc.read()))
        except TimeoutError as exc:
            raise SiasnSementara(
                f"SIASN tidak menjawab dalam {self.konf.timeout:g} detik."
            ) from exc
        except (urllib.error.URLError, ConnectionError, OSError) as exc:
            alasan = getattr(exc, "reason", exc)
            if isinstance(alasan, (TimeoutError, socket.timeout)):
                raise SiasnSementara(
                    f"SIASN tidak menjawab dalam {self.konf.timeout:g} detik."
                ) from exc
            raise SiasnSementara(f"SIASN tidak dapat dihubungi: {alasan}.") from exc

    # --- Tokens -----------------------------------------------------------------------------

    def _token(self, kunci: str, minta) -> str:
        simpan = cache.get(kunci)
        if simpan and simpan["kedaluwarsa"] - MARGIN_TOKEN_DETIK > self._jam():
            return simpan["token"]
        token, berlaku = minta()
        cache.set(
            kunci,
            {"token": token, "kedaluwarsa": self._jam() + berlaku},
            timeout=max(int(berlaku), 1),
        )
        return token

    def _minta_token(self, url: str, form: dict[str, str], headers: dict[str, str], nama: str):
        jwb = self._http(
            "POST",
            url,
            data=urllib.parse.urlencode(form).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
                **headers,
            },
        )
        if jwb.status >= 500 or jwb.status in (408, 429):
            raise SiasnSementara(f"Layanan token {nama} sedang bermasalah (HTTP {jwb.status}).")
        token = jwb.isi.get("access_token") if isinstance(jwb.isi, dict) else None
        if jwb.status != 200 or not token:
            # Wrong or expired credentials are a set-up problem, not the record's fault:
            # the outbox keeps waiting and the HR page shows the message.
            raise SiasnSementara(
                f"Token {nama} ditolak: {_pesan_dari(jwb.isi, f'HTTP {jwb.status}')}",
                status=jwb.status,
            )
        return token, int(jwb.isi.get("expires_in") or 3600)

    def token_gateway(self) -> str:
        def minta():
            basic = base64.b64encode(
                f"{self.konf.consumer_key}:{self.konf.consumer_secret}".encode()
            ).decode()
            return self._minta_token(
                self.konf.token_url,
                {"grant_type": "client_credentials"},
                {"Authorization": f"Basic {basic}"},
                "gateway",
            )

        return self._token(self._kunci_gateway, minta)

    def token_sso(self) -> str:
        def minta():
            return self._minta_token(
                self.konf.sso_url,
                {
                    "grant_type": "password",
                    "client_id": self.konf.sso_client_id,
                    "username": self.konf.sso_username,
                    "password": self.konf.sso_password,
                },
                {},
                "SSO",
            )

        return self._token(self._kunci_sso, minta)

    def lupakan_token(self) -> None:
        cache.delete_many([self._kunci_gateway, self._kunci_sso])

    # --- API --------------------------------------------------------------------------------

    def _api(self, method: str, jalur: str, muatan: Any = None) -> Jawaban:
        url = f"{self.konf.api_url}/{jalur.lstrip('/')}"
        data = json.dumps(muatan).encode() if muatan is not None else None
        for percobaan in (1, 2):
            headers = {
                "Authorization": f"Bearer {self.token_gateway()}",
                "Auth": f"bearer {self.token_sso()}",
                "Accept": "application/json",
            }
            if data is not None:
                headers["Content-Type"] = "application/json"
            jwb = self._http(method, url, data=data, headers=headers)
            if jwb.status == 401 and percobaan == 1:
                # A token expired or was revoked earlier than announced: renew both once.
                self.lupakan_token()
                continue
            break
        if jwb.status == 401:
            raise SiasnSementara("Token SIASN ditolak walau sudah diperbarui.", status=401)
        if jwb.status >= 500 or jwb.status in (408, 429):
            raise SiasnSementara(
                f"SIASN sedang bermasalah (HTTP {jwb.status}): "
                f"{_pesan_dari(jwb.isi, 'tanpa pesan')}",
                status=jwb.status,
                jawaban=jwb.isi,
            )
        return jwb

    def baca(self, jalur: str) -> Any:
        """GET; the `data` of the answer, or None when BKN has no such record."""
        jwb = self._api("GET", jalur)
        if jwb.status == 404:
            return None
        if jwb.status != 200:
            raise SiasnDitolak(
                _pesan_dari(jwb.isi, f"HTTP {jwb.status}"), status=jwb.status, jawaban=jwb.isi
            )
        if isinstance(jwb.isi, dict):
            if jwb.isi.get("code") == 0 and not isinstance(jwb.isi.get("data"), (dict, list)):
                return None  # {"code": 0, "data": "Data tidak ditemukan"}
            return jwb.isi.get("data")
        return jwb.isi

    def data_utama(self, nip: str) -> dict | None:
        return self.baca(f"pns/data-utama/{nip}")

    def riwayat(self, jenis: str, nip: str) -> list[dict]:
        """`jenis` one of golongan, jabatan, pendidikan, diklat, kursus, skp22,
        kinerjaperiodik, angkakredit (GET pns/rw-<jenis>/<nip>)."""
        data = self.baca(f"pns/rw-{jenis}/{nip}")
        return data if isinstance(data, list) else []

    def simpan(self, jalur: str, muatan: dict) -> tuple[str, Any]:
        """POST a record; (BKN's id of it, BKN's whole answer). Refusals raise SiasnDitolak."""
        jwb = self._api("POST", jalur, muatan)
        isi = jwb.isi if isinstance(jwb.isi, dict) else {"data": jwb.isi}
        ditolak = jwb.status >= 400 or isi.get("success") is False or isi.get("code") in (0, "0")
        if ditolak:
            raise SiasnDitolak(
                _pesan_dari(isi, f"Ditolak BKN (HTTP {jwb.status})."),
                status=jwb.status,
                jawaban=isi,
            )
        return _id_dari(isi), isi

    def hapus(self, jalur: str) -> Any:
        """DELETE a record; a record BKN no longer has counts as deleted."""
        jwb = self._api("DELETE", jalur)
        isi = jwb.isi if isinstance(jwb.isi, dict) else {"data": jwb.isi}
        if jwb.status == 404:
            return isi
        if jwb.status >= 400 or isi.get("success") is False:
            raise SiasnDitolak(
                _pesan_dari(isi, f"Penghapusan ditolak BKN (HTTP {jwb.status})."),
                status=jwb.status,
                jawaban=isi,
            )
        return isi


def _baca_json(mentah: bytes) -> Any:
    if not mentah:
        return {}
    try:
        return json.loads(mentah.decode("utf-8", errors="replace"))
    except ValueError:
        return mentah.decode("utf-8", errors="replace")[:2000]


def _id_dari(isi: dict) -> str:
    """BKN returns the new record's id in `mapData` (`rwDiklatId`, `rwSkp22Id`, …) or in
    `data.id`; take the first id-looking value."""
    peta = isi.get("mapData")
    if isinstance(peta, dict):
        for kunci, nilai in peta.items():
            if kunci.lower().endswith("id") and nilai:
                return str(nilai)
    elif isinstance(peta, str) and peta:
        return peta
    data = isi.get("data")
    if isinstance(data, dict) and data.get("id"):
        return str(data["id"])
    if isinstance(data, str) and data:
        return data
    return ""
