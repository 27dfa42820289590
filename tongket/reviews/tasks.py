from django.tasks import task

from tongket.reviews.generation import generate


@task()
def generate_review_file(file_id: int) -> None:
    generate(file_id)
