from itatrack.models.audit import AuditEvent
from itatrack.models.organisations import Department, Membership, Organization, Role

__all__ = ["AuditEvent", "Department", "Membership", "Organization", "Role"]
