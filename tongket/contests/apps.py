from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "tongket.contests"
    label = "contests"
    verbose_name = "Cuộc thi"
