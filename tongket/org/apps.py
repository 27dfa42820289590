from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "tongket.org"
    label = "org"
    verbose_name = "Tổ chức"
