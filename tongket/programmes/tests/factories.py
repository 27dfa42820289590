import factory

from tongket.core.periods import PeriodType
from tongket.org.models import Unit
from tongket.programmes.models import (
    Aggregation,
    Category,
    CategoryOption,
    Indicator,
    Programme,
    ValueType,
)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"P{n}")
    name = factory.Sequence(lambda n: f"Chương trình {n}")
    owner = factory.LazyFunction(lambda: Unit.objects.order_by("level").first())


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"IND{n}")
    name = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    value_type = ValueType.INTEGER
    aggregation = Aggregation.SUM
    period_type = PeriodType.YEARLY.value


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = "DOITUONG"
    name = "Đối tượng"


def category_with_options(*codes: str) -> Category:
    category = CategoryFactory()
    for order, code in enumerate(codes):
        CategoryOption.objects.get_or_create(
            category=category, code=code, defaults={"name": code, "sort_order": order}
        )
    return category
