-- Schema version 5 of the Migomail webhook store (PostgreSQL): the trace context of each event.
-- A sender with a tracer (the migomail-webhooks-opentelemetry module) keeps the trace context that
-- was current at publish (the W3C traceparent and tracestate headers, as a JSON object) with the
-- event, so that every attempt, retry and replay links to the publishing trace. NULL means none:
-- existing rows get none, and neither do events published without a tracer. A nullable column
-- without a default is added without rewriting the table. StoredEvent bounds the value (4 entries
-- of at most 512 characters), so the column needs no length of its own.
-- The whole migration is one transaction: if it fails, the schema stays at version 4.

ALTER TABLE ${prefix}events ADD COLUMN trace_context TEXT;
