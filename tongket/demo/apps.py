from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo builder: above every app, so no app imports another app's demo."""

    name = "tongket.demo"
    verbose_name = "Demo"
