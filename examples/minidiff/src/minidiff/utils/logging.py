import logging


def get_logger(name=None):
    """Returns the library's logger, or one of its children."""
    return logging.getLogger(name or "minidiff")
