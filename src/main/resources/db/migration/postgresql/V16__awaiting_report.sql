-- The alerts count the studies whose report is past its turnaround every half minute
-- (metrics.jdbc.JdbcWorkFigureReads). Only studies with committed images and no final report can be
-- overdue, a small part of every study kept; this index holds just them, so the count follows the
-- reporting worklist rather than the whole table. Additive: nodes of the previous version ignore it.
-- "if not exists" because CompensationUpgradeContractTest runs the migrations after V14 again.
create index if not exists study_awaiting_report on study (id)
    where imaging_state in ('IMAGES_COMMITTED', 'REPORT_PRELIMINARY') and clinical_state <> 'CANCELLED';
