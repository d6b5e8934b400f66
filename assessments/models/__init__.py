from assessments.models.frameworks import Framework, Indicator, Item, LevelBand, SubIndicator, Tool
from assessments.models.imports import FrameworkUpload, ImportPreview
from assessments.models.results import Assessment, Finding, IndicatorScore, ItemScore

__all__ = [
    "Assessment",
    "Finding",
    "Framework",
    "FrameworkUpload",
    "ImportPreview",
    "Indicator",
    "IndicatorScore",
    "Item",
    "ItemScore",
    "LevelBand",
    "SubIndicator",
    "Tool",
]
