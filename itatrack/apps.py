from django.apps import AppConfig


class ItatrackConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "itatrack"
    verbose_name = "หน่วยงานและผู้ใช้"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from itatrack import checks, history, numberinput, sessions  # noqa: F401 (checks registers)
        from itatrack.cleantext import clean_text_of

        numberinput.use_everywhere()
        history.register_models()
        user_logged_in.connect(sessions.on_login, dispatch_uid="itatrack-login")
        user_logged_out.connect(sessions.on_logout, dispatch_uid="itatrack-logout")
        clean_text_of(self)
        from django.db.models.signals import pre_save

        from itatrack.storedfiles import delete_replaced_files

        pre_save.connect(delete_replaced_files, dispatch_uid="itatrack-replaced-files")
