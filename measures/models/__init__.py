from measures.models.followups import Evidence, FollowUp, ReminderSent
from measures.models.plans import IssueArea, Measure, MeasureStep, Plan

__all__ = ["Evidence", "FollowUp", "IssueArea", "Measure", "MeasureStep", "Plan", "ReminderSent"]
