import factory

from workflows.services import receive_dossier

from .catalog import CenterFactory, ProcedureFactory


class DossierFactory(factory.Factory):
    """Dossiers are made the way the desk makes them: through `receive_dossier`."""

    class Meta:
        model = dict  # the service returns the model; the factory only gathers its arguments

    procedure = factory.SubFactory(ProcedureFactory)
    center = factory.SubFactory(CenterFactory)
    channel = "direct"
    applicant = factory.LazyFunction(
        lambda: {
            "name": "Nguyễn Văn An",
            "id_number": "022090001234",
            "phone": "0912345678",
            "email": "an@example.vn",
        }
    )
    received_at = None
    user = None
    agency = None  # the competent agency; None: the center's own

    @classmethod
    def _create(cls, model_class, **kwargs):
        return receive_dossier(**kwargs)

    _build = _create
