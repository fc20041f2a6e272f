-- The console counts each service's unfinished steps by status on every overview and services
-- page. V12's step_unfinished_by_service holds timers too (no service) and not the status, so the
-- planner scanned the whole step table (360 ms at 1.1 million steps); this one answers the count
-- from the index alone, in proportion to the work in hand.
create index step_unfinished_counts on step (service, status)
    where service is not null and status in ('WAITING', 'PENDING', 'RUNNING', 'SUSPENDED', 'FAILED');
