"""What services raise when the rules refuse a request (shown to the person as it is)."""


class ActionError(Exception):
    """A request the rules refuse; the message is shown to the user as it is."""


class StaleEdit(ActionError):
    """Someone saved the object after this form was opened: the second writer is told."""
