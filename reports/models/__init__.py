from reports.models.approvals import (
    ApprovalStep,
    DecisionReminderSent,
    RouteStep,
    RouteTemplate,
    RouteTemplateStep,
    Verb,
)
from reports.models.memos import Attachment, DocumentCounter, Memo, MemoFile, MemoSection
from reports.models.oit import OitEntry, OitEvidence, OitReminderSent
from reports.models.publications import (
    KnownCertificate,
    Publication,
    PublicationWord,
    SigningCertificate,
)

__all__ = [
    "ApprovalStep",
    "Attachment",
    "DecisionReminderSent",
    "DocumentCounter",
    "KnownCertificate",
    "Memo",
    "MemoFile",
    "MemoSection",
    "OitEntry",
    "OitEvidence",
    "OitReminderSent",
    "Publication",
    "PublicationWord",
    "RouteStep",
    "RouteTemplate",
    "RouteTemplateStep",
    "SigningCertificate",
    "Verb",
]
