import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from catalog.models import Agency, AgencyLevel, Center, Decision, Field, Procedure, ProcedureChannel
from catalog.parsing import fold


class AgencyLevelFactory(DjangoModelFactory):
    class Meta:
        model = AgencyLevel
        django_get_or_create = ("code",)

    code = "province"
    name = factory.LazyAttribute(
        lambda o: {"province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã"}.get(o.code, o.code)
    )
    order = factory.LazyAttribute(lambda o: {"province": 1, "district": 2, "commune": 3}.get(o.code, 9))


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("identifier",)

    identifier = factory.Sequence(
        lambda n: f"000.00.{n % 100:02d}.H22" if n < 100 else f"000.{n % 100:02d}.01.H22"
    )
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    level = factory.SubFactory(AgencyLevelFactory)


class CenterFactory(DjangoModelFactory):
    class Meta:
        model = Center
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"trung-tam-{n}")
    name = factory.Sequence(lambda n: f"Trung tâm Phục vụ hành chính công {n}")
    kind = Center.Kind.PROVINCE_CENTER
    agency = factory.SubFactory(AgencyFactory)


class FieldFactory(DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"linh-vuc-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class ProcedureFactory(DjangoModelFactory):
    class Meta:
        model = Procedure
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"1.{n + 1000:06d}")
    name = factory.Sequence(lambda n: f"Cấp giấy phép thử nghiệm số {n}")
    agency = factory.SubFactory(AgencyFactory)
    status = Procedure.Status.ACTIVE
    processing_time_text = "05 ngày làm việc"
    processing_time_value = Decimal("5")
    processing_time_unit = "working_day"
    search_name = factory.LazyAttribute(lambda o: fold(o.name))
    search_body = factory.LazyAttribute(lambda o: fold(o.body))

    class Params:
        # Text indexed beside the name (a field's name, the result…), given as written: it is folded here.
        body = ""
        hours = factory.Trait(
            processing_time_text="02 giờ", processing_time_value=Decimal("2"), processing_time_unit="hour"
        )
        abolished = factory.Trait(status=Procedure.Status.ABOLISHED)
        fully_onsite = factory.Trait(
            onsite_receive=True, onsite_appraise=True, onsite_approve=True, onsite_return=True
        )

    @factory.post_generation
    def channel(self, create, extracted, **kwargs):
        if create and not self.channels.exists():
            ProcedureChannel.objects.create(
                procedure=self,
                channel="direct",
                processing_time_text=self.processing_time_text,
                processing_time_value=self.processing_time_value,
                processing_time_unit=self.processing_time_unit,
            )


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision

    number = factory.Sequence(lambda n: f"{1000 + n}/QĐ-UBND")
    title = "Quyết định công bố danh mục thủ tục hành chính"
    issued = factory.LazyFunction(lambda: dt.date(2026, 1, 5))
    effective = factory.LazyFunction(lambda: dt.date(2026, 1, 5))
    issuer = factory.SubFactory(AgencyFactory)
    live = False
