from tests.opendata.conftest import record  # noqa: F401  (the same exported record)
