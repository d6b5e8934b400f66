from reports.models.approvals import ApprovalStep, RouteStep, RouteTemplate, RouteTemplateStep, Verb
from reports.models.memos import Attachment, DocumentCounter, Memo, MemoSection

__all__ = [
    "ApprovalStep",
    "Attachment",
    "DocumentCounter",
    "Memo",
    "MemoSection",
    "RouteStep",
    "RouteTemplate",
    "RouteTemplateStep",
    "Verb",
]
