from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """The demo data, the national-scale dataset and the benchmarks: tooling over every app,
    kept out of the core package (which imports no app)."""

    name = "itatrack.devtools"
    label = "devtools"
    verbose_name = "เครื่องมือสำหรับนักพัฒนา"
