"""What anyone may open: the transparency page, the documents and their verification."""

from django.urls import path

from reports.views import ita, public
from reports.views import search as search_views

urlpatterns = [
    path("p/<slug:org_slug>/", public.transparency, name="transparency"),
    path("p/<slug:org_slug>/embed/", public.embed, name="transparency_embed"),
    path("p/<slug:org_slug>/search/", search_views.org_search, name="public_search"),
    path("search/", search_views.site_search, name="site_search"),
    path("p/<slug:org_slug>/documents.json", public.open_data_json, name="open_data_json"),
    path("p/<slug:org_slug>/documents.csv", public.open_data_csv, name="open_data_csv"),
    path("d/<str:token>/", public.document, name="public_document"),
    path("d/<str:token>/pdf/", public.document_pdf, name="public_document_pdf"),
    path("v/<str:token>/", public.verify, name="verify"),
    path("p/<slug:org_slug>/emblem/", public.emblem, name="public_emblem"),
    path("p/<slug:org_slug>/ita/", ita.ita_latest, name="ita_latest"),
    path("p/<slug:org_slug>/ita/<int:year>/", ita.ita_page, name="ita_page"),
    path("p/<slug:org_slug>/ita/<int:year>/embed/", ita.ita_embed, name="ita_embed"),
    path("e/<str:token>/", ita.public_evidence, name="public_evidence"),
]
