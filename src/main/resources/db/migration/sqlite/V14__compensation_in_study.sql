-- A study now remembers in its detail that compensation was requested, so a command that would
-- start forward work reads it from the study it already holds instead of querying the history and
-- the steps. Studies compensated before this version get the mark from their history.
update study
   set detail = json_set(detail, '$.compensationRequested', json('true'))
 where id in (select study_id from study_history
               where transition_type = 'COMPENSATION_REQUESTED');
