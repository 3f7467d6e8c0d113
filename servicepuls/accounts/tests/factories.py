from __future__ import annotations

import factory

from servicepuls.accounts.choices import Role
from servicepuls.accounts.models import User
from servicepuls.organisations.choices import OrganisationKind
from servicepuls.organisations.models import Department, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.NETWORK
    code = factory.Sequence(lambda n: f"NET{n:03d}")
    name = factory.Sequence(lambda n: f"Nätverk {n}")
    is_active = True


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    organisation = factory.LazyFunction(lambda: Organisation.objects.get(code="0136"))
    name = factory.Sequence(lambda n: f"Förvaltning {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.invalid")
    organisation = factory.LazyFunction(lambda: Organisation.objects.get(code="0136"))
    role = Role.ANALYST
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def _save_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()
