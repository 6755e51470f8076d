"""The screens' views, one module per feature (older screens still live in ``frontend/views_*.py``)."""
