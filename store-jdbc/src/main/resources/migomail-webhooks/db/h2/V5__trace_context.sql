-- Schema version 5 of the Migomail webhook store (H2): the trace context of each event.
-- A sender with a tracer (the migomail-webhooks-opentelemetry module) keeps the trace context that
-- was current at publish (the W3C traceparent and tracestate headers, as a JSON object) with the
-- event, so that every attempt, retry and replay links to the publishing trace. NULL means none:
-- existing rows get none, and neither do events published without a tracer. StoredEvent bounds the
-- value (4 entries of at most 512 characters), so the column needs no length of its own.
-- H2 commits a DDL statement on its own, so the statement can run again: a migration that stopped
-- before it recorded version 5 completes on the next start.

ALTER TABLE ${prefix}events ADD COLUMN IF NOT EXISTS trace_context CHARACTER VARYING;
