"""The embedded demo: SQLite under var/, a fixed local secret, debug pages on."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

SECRET_KEY = os.environ.get("SECRET_KEY") or "tongket-demo-only-not-for-production"
DEBUG = env_bool("DEBUG", True)
VAR_DIR.mkdir(parents=True, exist_ok=True)

# The demo runs on the real date; TONGKET_TODAY=2024-01-08 moves it to the 2024 review
# scenario, when the 2023 yearly reports fall due (and before the 2025 reform).
TONGKET_TODAY = os.environ.get("TONGKET_TODAY", "")
