"""Demo accounts, one per role; each password equals the username (embedded mode only)."""

from __future__ import annotations

from servicepuls.accounts.choices import Role
from servicepuls.accounts.models import User
from servicepuls.accounts.services import user_create
from servicepuls.common.demo import DemoContext

DEMO_USERS = (
    ("demo-admin", Role.ADMIN, "org:0136", None, "Anna", "Admin"),
    ("demo-analytiker", Role.ANALYST, "org:0136", None, "Ali", "Analytiker"),
    ("demo-styrgrupp", Role.STEERING, "org:0136", None, "Sara", "Styrgrupp"),
    ("demo-forvaltning", Role.DEPARTMENT, "org:0136", "dept:0136:SBF", "Fredrik", "Förvaltning"),
    ("demo-nationell", Role.NATIONAL, "org:SODERTORN", None, "Nora", "Nationell"),
)


def seed_demo(context: DemoContext) -> None:
    for username, role, org_key, dept_key, first_name, last_name in DEMO_USERS:
        user = User.objects.filter(username=username).first() or user_create(
            username=username,
            organisation=context.objects[org_key],
            role=role,
            email=f"{username}@example.invalid",
            password=username,
            department=context.objects[dept_key] if dept_key else None,
            first_name=first_name,
            last_name=last_name,
        )
        context.objects[f"user:{username}"] = user
