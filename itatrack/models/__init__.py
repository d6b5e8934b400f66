from itatrack.models.audit import AuditEvent
from itatrack.models.figures import YearFigures
from itatrack.models.organisations import Department, Membership, Organization, Role
from itatrack.models.oversight import Oversight, Supervisor

__all__ = [
    "AuditEvent",
    "Department",
    "Membership",
    "Organization",
    "Oversight",
    "Role",
    "Supervisor",
    "YearFigures",
]
