from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "tongket.activities"
    label = "activities"
    verbose_name = "Hoạt động"

    def ready(self) -> None:
        from tongket.activities import contributions

        contributions.register()
