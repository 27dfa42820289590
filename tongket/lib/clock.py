"""Today's date for what is due: the real one, or the scenario's in the demo.

The demo tells the story of 2019–2023, so it runs with TONGKET_TODAY set to early
2024, when the 2023 reports fall due. Timestamps of what users do stay real.
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
