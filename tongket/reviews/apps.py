from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "tongket.reviews"
    label = "reviews"
    verbose_name = "Báo cáo sơ kết, tổng kết"
