"""The embedded demo: SQLite under var/, a fixed local secret, debug pages on."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

SECRET_KEY = os.environ.get("SECRET_KEY") or "tongket-demo-only-not-for-production"
DEBUG = env_bool("DEBUG", True)
VAR_DIR.mkdir(parents=True, exist_ok=True)

# The demo scenario runs in early 2024, when the 2023 yearly reports fall due.
TONGKET_TODAY = os.environ.get("TONGKET_TODAY", "2024-01-08")
