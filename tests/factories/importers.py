"""Factories of the importers app: plans and their tasks, agency figures."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from importers.models import AgencyStat, Plan, PlanTask


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"Kế hoạch {n}/KH-UBND")
    title = factory.LazyAttribute(lambda o: f"Nhiệm vụ triển khai {o.key}")


class PlanTaskFactory(DjangoModelFactory):
    class Meta:
        model = PlanTask
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: f"I.{n + 1}")
    order = factory.Sequence(lambda n: n)
    section = "XÂY DỰNG, BAN HÀNH VĂN BẢN CHỈ ĐẠO, ĐIỀU HÀNH"
    content = factory.Sequence(lambda n: f"Nhiệm vụ số {n + 1}")
    deadline_text = "Quý IV/2030"
    deadlines = factory.LazyAttribute(lambda o: [{"date": o.due.isoformat(), "scope": ""}] if o.due else [])
    due = dt.date(2030, 12, 31)

    class Params:
        overdue = factory.Trait(deadline_text="Quý III/2018", due=dt.date(2018, 9, 30))
        undated = factory.Trait(deadline_text="Theo lộ trình của Văn phòng Chính phủ", due=None)

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        if create and extracted:
            self.lead.set(extracted)
            self.lead_agencies = [agency.name for agency in extracted]
            self.save(update_fields=["lead_agencies"])


class AgencyStatFactory(DjangoModelFactory):
    class Meta:
        model = AgencyStat

    agency_name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    agency_key = factory.LazyAttribute(lambda o: o.agency_name.lower())
    as_of = dt.date(2017, 4, 30)
    c3, c4, c5, c6, c7, c8 = 10, 2, 8, 3, 1, 4
