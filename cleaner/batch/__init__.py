"""Many documents: corpus boilerplate, record files (JSON lines, Parquet, folders of
files), the ``cleaner batch`` command with workers, rejects and resume."""
