import factory

from tongket.core.periods import PeriodType
from tongket.programmes.tests.factories import ProgrammeFactory
from tongket.reporting.models import FormIndicator, ReportForm


class ReportFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportForm
        django_get_or_create = ("code",)

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"F{n}")
    name = factory.Sequence(lambda n: f"Biểu mẫu {n}")
    period_type = PeriodType.YEARLY.value
    unit_kinds = factory.LazyFunction(lambda: ["ward_committee"])


def form_with(*indicators, **kwargs) -> ReportForm:  # type: ignore[no-untyped-def]
    form = ReportFormFactory(**kwargs)
    for order, indicator in enumerate(indicators):
        FormIndicator.objects.get_or_create(
            form=form, indicator=indicator, defaults={"sort_order": order}
        )
    return form
