"""The seeded distribution curve (aturan data) as the pure rule receives it."""

from aturan.data_awal import KURVA as KURVA_DATA
from kinerja.rules import aturan_distribusi_dari

KURVA = aturan_distribusi_dari(KURVA_DATA)
