from itatrack.models.audit import AuditEvent
from itatrack.models.figures import YearFigures
from itatrack.models.invitations import Invitation
from itatrack.models.organisations import Department, Membership, Organization, Role
from itatrack.models.outbox import OutgoingMail
from itatrack.models.oversight import Oversight, Supervisor
from itatrack.models.reminders import SentReminder
from itatrack.models.sessions import LoginSession

__all__ = [
    "AuditEvent",
    "Department",
    "Invitation",
    "LoginSession",
    "Membership",
    "Organization",
    "OutgoingMail",
    "Oversight",
    "Role",
    "SentReminder",
    "Supervisor",
    "YearFigures",
]
