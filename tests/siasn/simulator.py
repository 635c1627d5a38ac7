"""A local SIASN for the tests: a real HTTP server on 127.0.0.1 (random port) in a thread.

It issues and expires tokens like BKN's gateway (OAuth2 client credentials, HTTP Basic) and
SSO (password grant), checks both on every API call (`Authorization: Bearer` and
`Auth: bearer`), answers the read services with BKN's envelope (`{"code": 1, "data": …}`)
and the write services with `{"success": true, "mapData": {"rw…Id": …}}`, validates the
required fields of each payload, and can be told to answer 5xx, to hang (time out), or to
refuse a payload with a message.
"""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

API = "/apisiasn/1.0"
TOKEN = "/oauth2/token"
SSO = "/auth/realms/public-siasn/protocol/openid-connect/token"

CONSUMER_KEY = "kunci-konsumen-uji"
CONSUMER_SECRET = "rahasia-konsumen-uji"
SSO_CLIENT_ID = "lampungprovws"
SSO_USERNAME = "operator.bkd"
SSO_PASSWORD = "sandi-sso-uji"

# Write service -> (history kind, id key in mapData, required fields).
SIMPAN = {
    "skp22/save": ("skp22", "rwSkp22Id", ["tahun", "hasilKinerjaNilai", "perilakuKerjaNilai",
                                           "kuadranKinerjaNilai", "pnsDinilaiOrang",
                                           "penilaiNipNrp"]),
    "kinerjaperiodik/save": ("kinerjaperiodik", "rwKinerjaPeriodikId",
                             ["tahun", "periodikId", "bulanMulaiPenilaian",
                              "bulanSelesaiPenilaian", "hasilKinerjaNilai",
                              "perilakuKerjaNilai", "pnsDinilaiId"]),
    "diklat/save": ("diklat", "rwDiklatId", ["latihanStrukturalId", "tanggal", "tahun",
                                            "jumlahJam", "pnsOrangId"]),
    "kursus/save": ("kursus", "rwKursusId", ["namaKursus", "jenisDiklatId", "jumlahJam",
                                            "tanggalKursus", "pnsOrangId"]),
    "angkakredit/save": ("angkakredit", "rwAngkaKreditId", ["nomorSk", "tanggalSk",
                                                            "kreditBaruTotal", "pnsId"]),
}  # fmt: skip
HAPUS = {
    "kinerjaperiodik/delete": "kinerjaperiodik",
    "diklat/delete": "diklat",
    "kursus/delete": "kursus",
    "angkakredit/delete": "angkakredit",
}
RIWAYAT = ["golongan", "jabatan", "pendidikan", "diklat", "kursus", "skp22",
           "kinerjaperiodik", "angkakredit"]  # fmt: skip


@dataclass
class Permintaan:
    method: str
    path: str
    body: Any
    headers: dict[str, str]


@dataclass
class Keadaan:
    """Everything the tests plant, steer and inspect."""

    masa_token: int = 3600
    pns: dict[str, dict] = field(default_factory=dict)  # nip -> data-utama
    riwayat: dict[tuple[str, str], list[dict]] = field(default_factory=dict)  # (jenis, nip)
    token_gateway: dict[str, float] = field(default_factory=dict)  # token -> expiry
    token_sso: dict[str, float] = field(default_factory=dict)
    terbit_gateway: int = 0
    terbit_sso: int = 0
    log: list[Permintaan] = field(default_factory=list)
    # Steering: the next N API calls answer 5xx; API calls hang; refuse the next writes.
    gagal_5xx: int = 0
    mati: bool = False  # every API call answers 503 until switched back
    gantung: bool = False
    tolak_pesan: str = ""
    tolak_sisa: int = 0
    # Revoke every token when the n-th API call from now arrives (a token expiring mid-run).
    cabut_token_pada: int = 0


class Simulator:
    def __init__(self) -> None:
        self.k = Keadaan()
        self.kunci = threading.Lock()
        self.lepas = threading.Event()  # releases hanging requests
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def mulai(self) -> Simulator:
        self.thread.start()
        return self

    def berhenti(self) -> None:
        self.lepas.set()
        self.server.shutdown()
        self.server.server_close()

    # --- Planting and inspecting -------------------------------------------------------------

    def tanam_pns(self, nip: str, **data: Any) -> dict:
        utama = {
            "id": data.pop("id", str(uuid.uuid4())),
            "nipBaru": nip,
            "nama": data.pop("nama", "PNS Uji"),
            "golRuangAkhir": data.pop("golRuangAkhir", "III/b"),
            "tmtGolAkhir": data.pop("tmtGolAkhir", "01-04-2020"),
            "jabatanNama": data.pop("jabatanNama", ""),
            "unorNama": data.pop("unorNama", ""),
            "tkPendidikanTerakhir": data.pop("tkPendidikanTerakhir", "S-1/Sarjana"),
            **data,
        }
        with self.kunci:
            self.k.pns[nip] = utama
        return utama

    def tersimpan(self, jenis: str, nip: str | None = None) -> list[dict]:
        with self.kunci:
            return [
                dict(e)
                for (j, n), daftar in self.k.riwayat.items()
                if j == jenis and (nip is None or n == nip)
                for e in daftar
            ]

    def permintaan(self, method: str | None = None, awalan: str = "") -> list[Permintaan]:
        with self.kunci:
            return [
                p
                for p in self.k.log
                if (method is None or p.method == method) and p.path.startswith(awalan)
            ]

    def kedaluwarsakan_token(self) -> None:
        """Every token issued so far stops working now (BKN expiring them early)."""
        with self.kunci:
            self.k.token_gateway.clear()
            self.k.token_sso.clear()

    # --- HTTP ---------------------------------------------------------------------------------

    def _handler(self):
        sim = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                return

            def _kirim(self, status: int, isi: Any) -> None:
                data = json.dumps(isi).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _badan(self) -> bytes:
                n = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(n) if n else b""

            def do_POST(self):
                self._layani("POST")

            def do_GET(self):
                self._layani("GET")

            def do_DELETE(self):
                self._layani("DELETE")

            def _layani(self, method: str) -> None:
                path = urlparse(self.path).path
                mentah = self._badan()
                if path == TOKEN:
                    return self._token_gateway(mentah)
                if path == SSO:
                    return self._token_sso(mentah)
                if not path.startswith(API + "/"):
                    return self._kirim(404, {"message": "not found"})
                jalur = path[len(API) + 1 :]
                try:
                    body = json.loads(mentah) if mentah else None
                except ValueError:
                    body = mentah.decode(errors="replace")
                with sim.kunci:
                    sim.k.log.append(Permintaan(method, jalur, body, dict(self.headers)))
                    if sim.k.cabut_token_pada > 0:
                        sim.k.cabut_token_pada -= 1
                        if sim.k.cabut_token_pada == 0:
                            sim.k.token_gateway.clear()
                            sim.k.token_sso.clear()
                if not self._token_sah():
                    return self._kirim(401, {"message": "Invalid Credentials"})
                with sim.kunci:
                    if sim.k.mati:
                        return self._kirim(503, {"message": "Service Unavailable"})
                    if sim.k.gagal_5xx > 0:
                        sim.k.gagal_5xx -= 1
                        return self._kirim(502, {"message": "Bad Gateway"})
                    gantung = sim.k.gantung
                if gantung:
                    sim.lepas.wait(10)
                    return self._kirim(504, {"message": "Gateway Timeout"})
                if method == "GET":
                    return self._baca(jalur)
                if method == "POST" and jalur in SIMPAN:
                    return self._simpan(jalur, body)
                if method == "DELETE":
                    return self._hapus(jalur)
                return self._kirim(404, {"message": "not found"})

            def _token_gateway(self, mentah: bytes) -> None:
                form = parse_qs(mentah.decode())
                basic = (self.headers.get("Authorization") or "").removeprefix("Basic ")
                try:
                    kunci, rahasia = base64.b64decode(basic).decode().split(":", 1)
                except ValueError:
                    kunci = rahasia = ""
                if form.get("grant_type") != ["client_credentials"] or (kunci, rahasia) != (
                    CONSUMER_KEY,
                    CONSUMER_SECRET,
                ):
                    return self._kirim(401, {"error": "invalid_client"})
                token = uuid.uuid4().hex
                with sim.kunci:
                    sim.k.token_gateway[token] = time.time() + sim.k.masa_token
                    sim.k.terbit_gateway += 1
                    masa = sim.k.masa_token
                self._kirim(
                    200, {"access_token": token, "token_type": "Bearer", "expires_in": masa}
                )

            def _token_sso(self, mentah: bytes) -> None:
                form = {k: v[0] for k, v in parse_qs(mentah.decode()).items()}
                if form != {
                    "grant_type": "password",
                    "client_id": SSO_CLIENT_ID,
                    "username": SSO_USERNAME,
                    "password": SSO_PASSWORD,
                }:
                    return self._kirim(
                        401,
                        {"error": "invalid_grant", "error_description": "Invalid user credentials"},
                    )
                token = uuid.uuid4().hex
                with sim.kunci:
                    sim.k.token_sso[token] = time.time() + sim.k.masa_token
                    sim.k.terbit_sso += 1
                    masa = sim.k.masa_token
                self._kirim(200, {"access_token": token, "expires_in": masa,
                                  "token_type": "Bearer"})  # fmt: skip

            def _token_sah(self) -> bool:
                gw = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                sso = (self.headers.get("Auth") or "").removeprefix("bearer ")
                sekarang = time.time()
                with sim.kunci:
                    return (
                        sim.k.token_gateway.get(gw, 0) > sekarang
                        and sim.k.token_sso.get(sso, 0) > sekarang
                    )

            def _baca(self, jalur: str) -> None:
                bagian = jalur.split("/")
                if len(bagian) == 3 and bagian[0] == "pns" and bagian[1] == "data-utama":
                    with sim.kunci:
                        data = sim.k.pns.get(bagian[2])
                    if data is None:
                        return self._kirim(404, {"code": 0, "data": "Data tidak ditemukan"})
                    return self._kirim(200, {"code": 1, "data": data})
                if len(bagian) == 3 and bagian[0] == "pns" and bagian[1].startswith("rw-"):
                    jenis = bagian[1][3:]
                    if jenis not in RIWAYAT:
                        return self._kirim(404, {"message": "not found"})
                    with sim.kunci:
                        data = [dict(e) for e in sim.k.riwayat.get((jenis, bagian[2]), [])]
                    return self._kirim(200, {"code": 1, "data": data})
                return self._kirim(404, {"message": "not found"})

            def _simpan(self, jalur: str, body: Any) -> None:
                jenis, kunci_id, wajib = SIMPAN[jalur]
                if not isinstance(body, dict):
                    return self._kirim(400, {"success": False, "message": "Body harus JSON."})
                with sim.kunci:
                    if sim.k.tolak_sisa > 0:
                        sim.k.tolak_sisa -= 1
                        return self._kirim(400, {"success": False, "message": sim.k.tolak_pesan})
                kurang = [f for f in wajib if body.get(f) in (None, "")]
                if kurang:
                    return self._kirim(
                        400, {"success": False, "message": f"{', '.join(kurang)} wajib diisi"}
                    )
                kolom_pns = next(f for f in wajib if f.startswith("pns"))
                with sim.kunci:
                    pemilik = next(
                        (n for n, d in sim.k.pns.items() if d["id"] == body[kolom_pns]), None
                    )
                    if pemilik is None:
                        return self._kirim(
                            200, {"code": 0, "success": False, "message": "PNS tidak ditemukan"}
                        )
                    daftar = sim.k.riwayat.setdefault((jenis, pemilik), [])
                    if body.get("id"):  # update in place (skp22)
                        lama = next((e for e in daftar if e["id"] == body["id"]), None)
                        if lama is None:
                            return self._kirim(
                                400, {"success": False, "message": "Data tidak ditemukan"}
                            )
                        lama.update(body)
                        baru_id = lama["id"]
                    else:
                        baru_id = str(uuid.uuid4())
                        daftar.append({**body, "id": baru_id})
                self._kirim(200, {"success": True, "message": "success",
                                  "mapData": {kunci_id: baru_id}})  # fmt: skip

            def _hapus(self, jalur: str) -> None:
                awal, _, rid = jalur.rpartition("/")
                jenis = HAPUS.get(awal)
                if jenis is None:
                    return self._kirim(404, {"message": "not found"})
                with sim.kunci:
                    for (j, _n), daftar in sim.k.riwayat.items():
                        if j == jenis:
                            for e in list(daftar):
                                if e["id"] == rid:
                                    daftar.remove(e)
                                    return self._kirim(
                                        200, {"success": True, "message": "Data berhasil dihapus"}
                                    )
                return self._kirim(404, {"success": False, "message": "Data tidak ditemukan"})

        return Handler
