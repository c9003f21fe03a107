"""Adapters for distributed engines: :mod:`cleaner.integrations.ray` (Ray Data, extra
``article-cleaner[ray]``) and :mod:`cleaner.integrations.datatrove` (extra
``article-cleaner[datatrove]``). Each builds on :mod:`cleaner.batch.records` and
:mod:`cleaner.batch.boilerplate`, so a record comes out the same wherever it runs."""
