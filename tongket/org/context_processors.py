from django.http import HttpRequest


def membership(request: HttpRequest) -> dict[str, object]:
    """The signed-in user's unit and role, for the page header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"membership": getattr(user, "membership", None)}
