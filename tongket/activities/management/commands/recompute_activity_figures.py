from django.core.management.base import BaseCommand
from django.db import transaction

from tongket.activities import figures
from tongket.activities.models import Activity


class Command(BaseCommand):
    help = "Tính lại mọi chỉ tiêu lấy từ sổ hoạt động (sau khi đổi nguồn hay kỳ của chỉ tiêu)."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            keys = {
                figures.key_of(activity)
                for activity in Activity.objects.only("organiser", "kind", "date")
            }
            written = figures.recompute(keys)
        self.stdout.write(f"Đã tính lại {written} giá trị từ {len(keys)} nhóm hoạt động.")
