"""Document format profiles: what the Party's and the State's guidance prescribe.

A profile is a JSON file, so that when the guidance changes (Quy định 399-QĐ/TW of
2026 may change details of Hướng dẫn 36-HD/VPTW) an administrator edits a file, not
the code. TONGKET_REVIEW_PROFILES_DIR, when set, is searched before the shipped ones.
"""

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SHIPPED = Path(__file__).resolve().parent / "profiles"
STYLES = ("party", "state")


@dataclass(frozen=True)
class Profile:
    style: str
    data: dict[str, Any]

    def size(self, element: str) -> int:
        return int(self.data["sizes"][element])

    @property
    def font(self) -> str:
        return str(self.data["font"])

    @property
    def page(self) -> dict[str, float]:
        return self.data["page"]  # type: ignore[no-any-return]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]


def load_profile(style: str) -> Profile:
    if style not in STYLES:
        raise ValueError(f"Thể thức “{style}” không có: chọn party hoặc state.")
    for folder in _folders():
        path = folder / f"{style}.json"
        if path.is_file():
            return Profile(style, json.loads(path.read_text(encoding="utf-8")))
    raise ValueError(f"Không tìm thấy tệp thể thức {style}.json.")


def _folders() -> list[Path]:
    configured = os.environ.get("TONGKET_REVIEW_PROFILES_DIR")
    return [Path(configured), SHIPPED] if configured else [SHIPPED]
