from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "tongket.programmes"
    label = "programmes"
    verbose_name = "Chương trình"
