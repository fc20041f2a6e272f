-- The W3C traceparent of the span a change was committed in (a history entry and its event), of
-- the commit that started a step and of the publication that queued a webhook delivery, so the
-- step's spans, the event's publication and the delivery join that trace on whichever node runs
-- them, however much later. Null when tracing was off: old nodes, which do not know the column,
-- write null too.
alter table study_history add column trace_parent text;
alter table outbox add column trace_parent text;
alter table step add column trace_parent text;
alter table webhook_delivery add column trace_parent text;
