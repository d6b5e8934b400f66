from django.apps import AppConfig


class ItatrackConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "itatrack"
    verbose_name = "หน่วยงานและผู้ใช้"

    def ready(self) -> None:
        from django.apps import apps
        from django.db.models.signals import pre_save

        from itatrack import history
        from itatrack.cleantext import clean_model_text

        history.register_models()
        for label in ("itatrack", "assessments", "measures", "reports"):
            for model in apps.get_app_config(label).get_models():
                pre_save.connect(clean_model_text, sender=model, dispatch_uid=f"clean-{model}")
