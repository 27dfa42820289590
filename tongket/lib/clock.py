"""Today's date for what is due and which tree holds: the real one, or a scenario's.

The demo runs on the real date, after the 2025 reform, with its 2019–2023 story
behind it; TONGKET_TODAY=2024-01-08 moves it to the 2024 review scenario, when the
2023 reports fall due. Timestamps of what users do stay real.
"""

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone


def today() -> date:
    configured = getattr(settings, "TONGKET_TODAY", "")
    if configured:
        return date.fromisoformat(configured)
    return timezone.localdate()


def now() -> datetime:
    """The moment of a change, for every stamp the application writes."""
    return timezone.now()
