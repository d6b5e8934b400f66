from django.apps import AppConfig


class ItatrackConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "itatrack"
    verbose_name = "หน่วยงานและผู้ใช้"

    def ready(self) -> None:
        from itatrack import history

        history.register_models()
