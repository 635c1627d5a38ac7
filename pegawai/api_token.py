"""The caller's own API token: list (without the key) and revoke (issue 16, item 6)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .token_api import token_cabut_semua, token_kedaluwarsa_pada


class TokenSayaSerializer(serializers.Serializer):
    awalan = serializers.CharField(
        help_text="Enam karakter pertama token (kunci utuh tidak ditampilkan lagi)."
    )
    dibuat = serializers.DateTimeField()
    kedaluwarsa = serializers.DateTimeField()


def token_saya(user) -> list[dict]:
    return [
        {"awalan": t.key[:6], "dibuat": t.created, "kedaluwarsa": token_kedaluwarsa_pada(t)}
        for t in Token.objects.filter(user=user)
    ]


class TokenSayaView(APIView):
    @extend_schema(
        operation_id="auth_token_saya",
        description="Token API milik pengguna yang sedang masuk (tanpa kunci utuh).",
        responses=TokenSayaSerializer(many=True),
        tags=["auth"],
    )
    def get(self, request: Request) -> Response:
        return Response(TokenSayaSerializer(token_saya(request.user), many=True).data)

    @extend_schema(
        operation_id="auth_token_cabut",
        description="Cabut semua token API milik pengguna yang sedang masuk.",
        responses={204: None},
        tags=["auth"],
    )
    def delete(self, request: Request) -> Response:
        token_cabut_semua(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
